// The sources of one record in the curation form: the chosen sources as
// ticked checkboxes (their ids make the record's "sources" array), and a
// search on title and publisher among the existing sources
// (GET /api/sources?q=) and the new sources of the bundle being edited.
// Unticking a source removes it when the form is read.
import { api, isAbort } from '../api.js';
import { h, uid } from '../dom.js';
import { t } from '../i18n.js';
import { sourceMetaText } from './source-ref.js';

// path: JSON pointer of the array ("/documents/0/sources"); selected: ids;
// known: a Map id -> source (titles for the chosen ids, filled by searches);
// localSources(): the bundle's new sources as currently typed.
export function createSourcePicker({ legend, path, selected = [], known, localSources }) {
  const id = uid('sources');
  const errorId = `${id}-error`;
  const queryId = `${id}-q`;
  const resultsId = `${id}-results`;
  let controller = null;

  const chosen = h('ul', { class: 'field-group__list source-picker__chosen' });
  const empty = h('p', { class: 'field__hint source-picker__empty', text: t('picker.none') });
  const input = h('input', {
    id: queryId, class: 'input', type: 'search', autocomplete: 'off',
    placeholder: t('picker.placeholder'), 'aria-controls': resultsId,
    on: { keydown: (e) => { if (e.key === 'Enter') { e.preventDefault(); search(); } } },
  });
  const status = h('p', { class: 'visually-hidden', role: 'status' });
  const results = h('ul', { id: resultsId, class: 'source-picker__results' });

  selected.forEach((sid) => addChosen(sid, { focus: false }));
  updateEmpty();

  const el = h('fieldset', {
    id, class: 'field field--wide field-group source-picker', tabindex: '-1', 'aria-describedby': errorId, dataset: { group: path },
  },
  h('legend', { class: 'field__label', text: legend }),
  empty, chosen,
  h('label', { for: queryId, class: 'field__hint source-picker__label', text: t('picker.search') }),
  h('div', { class: 'compare-controls__row' }, input,
    h('button', { type: 'button', class: 'button button--small', on: { click: search }, text: t('picker.find') })),
  status, results,
  h('p', { id: errorId, class: 'field__error', hidden: true }));

  async function search() {
    if (controller) controller.abort();
    controller = new AbortController();
    const q = input.value.trim();
    const needle = q.toLocaleLowerCase();
    const local = localSources().filter((s) => s.id && (!needle
      || `${s.title || ''} ${s.publisher || ''} ${s.id}`.toLocaleLowerCase().includes(needle)));
    let remote = [];
    try {
      const data = await api.sources({ q }, controller.signal);
      remote = (data.sources || []).slice(0, 8);
    } catch (error) {
      if (isAbort(error)) return;
    }
    const found = [...local.map((s) => ({ ...s, isNew: true })), ...remote.filter((r) => !local.some((s) => s.id === r.id))];
    found.forEach((s) => known.set(s.id, s));
    results.replaceChildren(...found.map((s) => h('li', { class: 'source-picker__result' },
      h('span', { class: 'source-picker__text' },
        h('span', { class: 'source-ref__title', text: s.title || s.id }),
        h('span', { class: 'source-ref__meta', text: ` — ${s.isNew ? t('picker.new') : sourceMetaText(s)}` })),
      h('button', {
        type: 'button', class: 'button button--small',
        disabled: isChosen(s.id),
        'aria-label': t('picker.addLabel', { title: s.title || s.id }),
        on: { click: (e) => { addChosen(s.id, { focus: true }); e.currentTarget.disabled = true; } },
        text: t('picker.add'),
      }))));
    status.textContent = t('picker.found', { count: found.length });
  }

  function isChosen(sid) {
    return [...chosen.querySelectorAll('input')].some((i) => i.value === sid);
  }

  function addChosen(sid, { focus }) {
    if (!sid || isChosen(sid)) return;
    const source = known.get(sid) || { id: sid };
    const boxId = uid('src');
    const box = h('input', { id: boxId, type: 'checkbox', class: 'facet__check', value: sid, checked: true, dataset: { path, multi: '' } });
    chosen.append(h('li', {}, box,
      h('label', { for: boxId },
        h('span', { class: 'source-ref__title', text: source.title || sid }),
        source.publisher ? h('span', { class: 'source-ref__meta', text: ` — ${sourceMetaText(source)}` }) : null)));
    updateEmpty();
    if (focus) box.focus();
  }

  function updateEmpty() {
    empty.hidden = chosen.children.length > 0;
  }

  return el;
}
