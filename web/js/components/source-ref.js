// How a source and the date of a fact are shown everywhere: the source's
// title linking to its page (/sources/ID), its publisher and its date of
// publication; "Situation au / As of" for the date the facts hold. A
// source's raw id is never shown as its name.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { formatPartialDate } from '../format.js';
import { sourceUrl } from '../links.js';

// "Publisher · 15 septembre 2017" (or "s. d." / "n.d." when undated).
export function sourceMetaText(source) {
  const date = source.published ? formatPartialDate(source.published) : t('source.undated');
  return [source.publisher, date].filter(Boolean).join(' · ');
}

// One source: its title as a link, then publisher and date.
export function sourceRef(source, { lang, tag = 'span' } = {}) {
  if (!source) return null;
  const title = source.title || t('source.untitled');
  return h(tag, { class: 'source-ref', dataset: { source: source.id || '' } },
    source.id ? h('a', { class: 'source-ref__title', href: sourceUrl(source.id, lang), text: title })
      : h('span', { class: 'source-ref__title', text: title }),
    h('span', { class: 'source-ref__meta', text: ` — ${sourceMetaText(source)}` }));
}

// The list of a record's sources; `withNotes` adds each source's note in `lang`.
export function sourceList(sources = [], { lang, withNotes = false } = {}) {
  if (!sources.length) return null;
  return h('ul', { class: 'source-list' }, sources.map((source) => {
    const note = withNotes && source.note ? (source.note[lang] || source.note.fr || source.note.en || '') : '';
    return h('li', { class: 'source-list__item' },
      sourceRef(source, { lang }),
      note
        ? h('details', { class: 'source__more' },
          h('summary', { text: t('doc.sourceNote') }),
          h('p', { class: 'source-list__note', text: note }))
        : null);
  }));
}

// "Situation au septembre 2017" / "As of September 2017"; null without a date.
export function asOfText(asOf) {
  return asOf ? t('facts.asOf', { date: formatPartialDate(asOf) }) : null;
}

export function asOfBadge(asOf) {
  if (!asOf) return null;
  return h('span', { class: 'as-of' }, h('time', { datetime: asOf, text: asOfText(asOf) }));
}
