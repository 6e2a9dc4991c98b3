// Relevance metrics over graded judgements (grade 2 = the answer, 1 =
// related), the same definitions as tests/cpp/relevance_test.cc:
//   P@1        the first hit is judged (grade >= 1)
//   MRR@10     1 / rank of the first judged hit within the first ten
//   nDCG@5     DCG of the first five (gain = grade, discount log2(rank + 1))
//              over the DCG of the ideal order of all judged records
//   Recall@5   judged records among the first five / min(5, judged records)
//   zero       the query returned no hit at all
export function scoreQuery(ranked, grades) {
  const grade = (id) => grades[id] ?? 0;
  const p1 = ranked.length > 0 && grade(ranked[0]) > 0 ? 1 : 0;
  let rr = 0;
  for (let i = 0; i < Math.min(10, ranked.length); i++) {
    if (grade(ranked[i]) > 0) {
      rr = 1 / (i + 1);
      break;
    }
  }
  let dcg = 0;
  for (let i = 0; i < Math.min(5, ranked.length); i++) dcg += grade(ranked[i]) / Math.log2(i + 2);
  const ideal = Object.values(grades).sort((a, b) => b - a);
  let idcg = 0;
  for (let i = 0; i < Math.min(5, ideal.length); i++) idcg += ideal[i] / Math.log2(i + 2);
  const judged = Object.keys(grades).length;
  const found = ranked.slice(0, 5).filter((id) => grade(id) > 0).length;
  return {
    p1,
    mrr: rr,
    ndcg: idcg > 0 ? dcg / idcg : 0,
    recall: judged > 0 ? found / Math.min(5, judged) : 0,
    zero: ranked.length === 0 ? 1 : 0,
  };
}

// Means of the per-query scores (zero: a count).
export function summarise(scores) {
  const n = scores.length || 1;
  const mean = (k) => scores.reduce((s, x) => s + x[k], 0) / n;
  return {
    queries: scores.length,
    p1: mean('p1'),
    mrr: mean('mrr'),
    ndcg: mean('ndcg'),
    recall: mean('recall'),
    zero: scores.reduce((s, x) => s + x.zero, 0),
  };
}
