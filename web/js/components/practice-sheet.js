// The good-practice sheet of a practice record: the challenge, the
// approach, the partners, the budget (with its date and source), the
// results and the lessons, each a labelled section; parts the record does
// not have are left out, and a record with none of them shows nothing.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { formatPartialDate, locale } from '../format.js';
import { labelOf } from '../taxonomy.js';
import { sourceRef } from './source-ref.js';

const TEXTS = ['challenge', 'approach'];
const AFTER = ['results', 'lessons'];

// doc: the API document; taxonomy: for the partners' stakeholder labels (may be null).
export function renderPracticeSheet(doc, { lang, taxonomy }) {
  const parts = [
    ...TEXTS.map((key) => textPart(key, doc[key], lang)),
    partnersPart(doc.partners, lang, taxonomy),
    budgetPart(doc.budget, doc.sources || [], lang),
    ...AFTER.map((key) => textPart(key, doc[key], lang)),
  ].filter(Boolean);
  if (!parts.length) return null;
  return h('section', { class: 'practice-sheet', 'aria-labelledby': 'practice-sheet' },
    h('h2', { id: 'practice-sheet', class: 'practice-sheet__title', text: t('sheet.title') }),
    parts);
}

function part(key, ...content) {
  const id = `sheet-${key}`;
  return h('section', { class: `practice-sheet__part practice-sheet__part--${key}`, 'aria-labelledby': id },
    h('h3', { id, class: 'practice-sheet__label', text: t(`sheet.${key}`) }), content);
}

// A bilingual text in the page language, else in the other one (marked with its lang).
function textPart(key, texts, lang) {
  if (!texts) return null;
  const other = lang === 'fr' ? 'en' : 'fr';
  const shown = texts[lang] ? lang : (texts[other] ? other : null);
  if (!shown) return null;
  return part(key, h('p', { lang: shown === lang ? null : shown, text: texts[shown] }));
}

function partnersPart(partners, lang, taxonomy) {
  if (!partners || !partners.length) return null;
  return part('partners', h('ul', { class: 'practice-sheet__partners' }, partners.map((p) => h('li', {},
    h('span', { class: 'practice-sheet__partner', text: p.name }),
    p.stakeholder
      ? h('span', { class: 'muted', text: ` — ${labelOf(taxonomy && taxonomy.stakeholders, p.stakeholder, lang)}` })
      : null))));
}

function budgetPart(budget, sources, lang) {
  if (!budget || typeof budget.amount !== 'number') return null;
  const amount = formatAmount(budget.amount, budget.currency);
  const source = budget.source && (sources.find((s) => s.id === budget.source) || { id: budget.source, title: t('source.see') });
  return part('budget',
    h('p', { class: 'practice-sheet__budget' },
      budget.approximate ? `${t('city.approximate')} ` : null,
      h('strong', { text: amount }),
      budget.as_of ? h('span', { class: 'muted', text: ` (${t('facts.asOf', { date: formatPartialDate(budget.as_of) })})` }) : null),
    source ? h('p', { class: 'practice-sheet__budget-source' }, `${t('hit.source')} `, sourceRef(source, { lang })) : null);
}

function formatAmount(amount, currency) {
  try {
    return new Intl.NumberFormat(locale(), {
      style: currency ? 'currency' : 'decimal', currency: currency || undefined, maximumFractionDigits: 0,
    }).format(amount);
  } catch {
    return `${new Intl.NumberFormat(locale()).format(amount)} ${currency || ''}`.trim();
  }
}
