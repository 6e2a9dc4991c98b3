// Marks the query's words in a plain-text title, as the server's snippets do
// with <mark>. The text only ever goes in as text nodes (never as markup):
// a stored "<script>" stays text. Matching ignores case and accents, and a
// title word matches when it starts with a query word (partenaire ->
// partenaires), as the search's stemming would have it.

const MIN_LENGTH = 2;

// A fragment of text nodes and <mark> elements for `text`; `query` is the
// searched text (its words of at least two letters are looked for).
export function highlightNodes(text, query) {
  const fragment = document.createDocumentFragment();
  const words = queryWords(query);
  const source = String(text ?? '');
  if (!words.length) {
    fragment.append(document.createTextNode(source));
    return fragment;
  }
  let last = 0;
  for (const match of source.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = fold(match[0]);
    if (!words.some((w) => word.startsWith(w))) continue;
    if (match.index > last) fragment.append(document.createTextNode(source.slice(last, match.index)));
    const mark = document.createElement('mark');
    mark.textContent = match[0];
    fragment.append(mark);
    last = match.index + match[0].length;
  }
  if (last < source.length) fragment.append(document.createTextNode(source.slice(last)));
  return fragment;
}

function queryWords(query) {
  return [...new Set((String(query || '').match(/[\p{L}\p{N}]+/gu) || []).map(fold).filter((w) => w.length >= MIN_LENGTH))];
}

// Lower case without accents.
function fold(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}
