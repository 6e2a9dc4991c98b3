// The curation form (/add): add a city or update one (starting from its
// current bundle), with its people, documents (each citing existing or new
// sources, with the date its facts hold, and a date for milestones), new
// sources and indicators, or paste a whole JSON bundle. It asks for the admin token, sends the bundle to
// POST /api/cities, shows each validation problem next to its field (and
// all of them in a summary), then opens the city's page.
import { api, isAbort } from '../api.js';
import { h, icon, replace, uid } from '../dom.js';
import { t } from '../i18n.js';
import { navigate } from '../router.js';
import { labelOf, loadTaxonomy } from '../taxonomy.js';
import { cityUrl } from '../components/hit.js';
import { errorBlock, loadingBlock } from '../components/states.js';
import { checkboxGroup, clearProblems, flagField, requiredNote, selectField, showProblems, textField } from '../components/form-fields.js';
import { noteWriteError, setFlash } from '../state/writes.js';
import { createSourcePicker } from '../components/source-picker.js';
import {
  KEPT_FIELDS, emptyBundle, emptyDocument, emptyIndicator, emptyPerson, emptySource, loadBundle, readBundle,
} from '../state/bundle.js';

const SOURCE_KINDS = ['press', 'official', 'public-body', 'research', 'vendor', 'other'];

export default function createAddView(ctx) {
  const { lang } = ctx;
  const controller = new AbortController();
  let taxonomy = null;
  let cities = [];
  let bundle = emptyBundle();
  let mode = 'form';
  let token = '';
  const knownSources = new Map(); // id -> source, for the pickers' labels

  const summary = h('div', { class: 'form-summary', tabindex: '-1', hidden: true });
  const sections = h('div', { class: 'add-form__sections' });
  const jsonId = uid('json');
  const jsonArea = h('textarea', {
    id: jsonId, class: 'input input--area input--code', rows: '18', spellcheck: 'false',
    'aria-describedby': `${jsonId}-hint ${jsonId}-error`,
  });
  const jsonBlock = h('div', { class: 'field field--wide', hidden: true },
    h('label', { for: jsonId, class: 'field__label', text: t('add.jsonLabel') }),
    h('p', { id: `${jsonId}-hint`, class: 'field__hint', text: t('add.jsonHint') }),
    jsonArea,
    h('p', { id: `${jsonId}-error`, class: 'field__error', hidden: true }));
  const tokenField = textField({ label: t('add.token'), path: '/token', type: 'password', hint: t('add.tokenHint'), autocomplete: 'off' });
  const tokenInput = tokenField.querySelector('input');
  tokenInput.removeAttribute('data-path'); // never part of the bundle
  tokenInput.dataset.token = '';
  const status = h('p', { class: 'form-status', role: 'status' });
  const saveButton = h('button', { type: 'submit', class: 'button button--primary', text: t('add.save') });
  const checkButton = h('button', { type: 'button', class: 'button', on: { click: () => submit({ checkOnly: true }) }, text: t('add.check') });

  const modeName = uid('mode');
  const modeSwitch = h('fieldset', { class: 'add-mode' },
    h('legend', { class: 'field__label', text: t('add.mode') }),
    ['form', 'json'].map((m) => {
      const id = uid('mode');
      return h('span', { class: 'add-mode__option' },
        h('input', { id, type: 'radio', name: modeName, value: m, checked: m === mode, on: { change: () => setMode(m) } }),
        h('label', { for: id, text: t(`add.mode.${m}`) }));
    }));

  const startSelect = h('select', { id: uid('start'), class: 'select' });
  const startBlock = h('div', { class: 'add-start' },
    h('label', { for: startSelect.id, class: 'field__label', text: t('add.start') }),
    h('div', { class: 'add-start__row' }, startSelect,
      h('button', { type: 'button', class: 'button', on: { click: () => start(startSelect.value) }, text: t('add.load') })));

  const form = h('form', { class: 'add-form', novalidate: true, on: { submit: (e) => { e.preventDefault(); submit({}); } } },
    requiredNote(), sections, jsonBlock,
    h('fieldset', { class: 'form-section form-section--publish' },
      h('legend', { class: 'form-section__title', text: t('add.publish') }),
      tokenField,
      h('div', { class: 'form-actions' }, saveButton, checkButton),
      status));

  const body = h('div', { class: 'add-body' }, loadingBlock(2));
  const el = h('div', { class: 'page add-page' },
    h('h1', { text: t('add.title') }),
    h('p', { class: 'page__lead', text: t('add.lead') }),
    body);

  ctx.setTitle(t('add.pageTitle'));
  init();

  async function init() {
    try {
      const [tax, list] = await Promise.all([loadTaxonomy(), api.cities(controller.signal).catch(() => ({ cities: [] }))]);
      taxonomy = tax;
      cities = list.cities || [];
      replace(startSelect, h('option', { value: '', text: t('add.startNew') }),
        cities.map((c) => h('option', { value: c.slug, text: c.name })));
      replace(body, h('div', { class: 'add-toolbar' }, startBlock, modeSwitch), summary, form);
      renderSections();
      // /add?city=lyon: edit that city (the city page's "Edit" link).
      const wanted = ctx.query.get('city');
      if (wanted && cities.some((c) => c.slug === wanted)) {
        startSelect.value = wanted;
        await start(wanted);
      }
      ctx.pageReady();
    } catch (error) {
      if (isAbort(error)) return;
      replace(body, errorBlock(error, { onRetry: init }));
    }
  }

  async function start(slug) {
    clearSummary();
    if (!slug) {
      bundle = emptyBundle();
      render();
      return;
    }
    status.textContent = t('state.loading');
    try {
      bundle = await loadBundle(slug, controller.signal, knownSources);
      status.textContent = t('add.loaded', { name: bundle.city.name });
      render();
    } catch (error) {
      if (isAbort(error)) return;
      status.textContent = error.message;
    }
  }

  function render() {
    if (mode === 'json') jsonArea.value = JSON.stringify(bundle, null, 2);
    else renderSections();
  }

  function setMode(next) {
    if (next === mode) return;
    clearSummary();
    if (next === 'json') {
      bundle = readBundle(form);
      jsonArea.value = JSON.stringify(bundle, null, 2);
    } else {
      const parsed = parseJson();
      if (!parsed) {
        modeSwitch.querySelector(`input[value="json"]`).checked = true;
        return;
      }
      bundle = parsed;
    }
    mode = next;
    sections.hidden = mode === 'json';
    jsonBlock.hidden = mode !== 'json';
    if (mode === 'form') renderSections();
  }

  function parseJson() {
    const slot = document.getElementById(`${jsonId}-error`);
    try {
      const value = JSON.parse(jsonArea.value);
      slot.hidden = true;
      jsonArea.removeAttribute('aria-invalid');
      return value;
    } catch (error) {
      slot.hidden = false;
      slot.textContent = t('add.jsonInvalid', { message: error.message });
      jsonArea.setAttribute('aria-invalid', 'true');
      jsonArea.focus();
      return null;
    }
  }

  // --- The form's sections, rebuilt from `bundle` when items are added or removed.

  function renderSections() {
    const c = bundle.city || {};
    replace(sections,
      section(t('add.city'), null,
        textField({ label: t('add.slug'), path: '/city/slug', value: c.slug, hint: t('add.slugHint') }),
        textField({ label: t('add.name'), path: '/city/name', value: c.name }),
        textField({ label: t('add.organisation'), path: '/city/organisation', value: c.organisation }),
        textField({ label: t('add.country'), path: '/city/country', value: c.country, hint: t('add.countryHint') }),
        textField({ label: t('add.summaryFr'), path: '/city/summary/fr', value: c.summary && c.summary.fr, rows: 4, lang: 'fr' }),
        textField({ label: t('add.summaryEn'), path: '/city/summary/en', value: c.summary && c.summary.en, rows: 4, lang: 'en' }),
        kept('/city', c, ['organisation_kind', 'region'])),
      repeater('people', t('add.people'), bundle.people || [], personFields, emptyPerson),
      repeater('sources', t('add.sources'), bundle.sources || [], sourceFields, emptySource),
      repeater('documents', t('add.documents'), bundle.documents || [], documentFields, emptyDocument),
      repeater('indicators', t('add.indicators'), (bundle.city && bundle.city.indicators) || [], indicatorFields, emptyIndicator));
  }

  function section(title, hint, ...children) {
    return h('fieldset', { class: 'form-section' },
      h('legend', { class: 'form-section__title', text: title }),
      hint ? h('p', { class: 'field__hint', text: hint }) : null,
      h('div', { class: 'form-grid' }, children));
  }

  // A list of items (people, documents, indicators) with add and remove buttons.
  function repeater(key, title, items, fieldsOf, empty) {
    const itemLabel = t(`add.item.${key}`);
    return h('fieldset', { class: 'form-section', dataset: { repeater: key } },
      h('legend', { class: 'form-section__title', text: `${title} (${items.length})` }),
      items.length ? null : h('p', { class: 'muted', text: t(`add.none.${key}`) }),
      items.map((item, i) => h('fieldset', { class: 'form-item', dataset: { item: `${key}-${i}` } },
        h('legend', { class: 'form-item__title', text: `${itemLabel} ${i + 1}` }),
        h('div', { class: 'form-grid' }, fieldsOf(item, i)),
        h('button', {
          type: 'button', class: 'link-button form-item__remove',
          on: { click: () => changeItems(key, (list) => list.splice(i, 1), `[data-add="${key}"]`) },
          text: t('add.remove', { item: `${itemLabel} ${i + 1}` }),
        }))),
      h('button', {
        type: 'button', class: 'button button--small', dataset: { add: key },
        on: { click: () => changeItems(key, (list) => list.push(empty()), `[data-item="${key}-${items.length}"] input`) },
      }, h('span', { 'aria-hidden': 'true', text: '+ ' }), t(`add.add.${key}`)));
  }

  function changeItems(key, change, focusSelector) {
    bundle = readBundle(form);
    if (key !== 'indicators' && !bundle[key]) bundle[key] = [];
    const list = key === 'indicators' ? bundle.city.indicators : bundle[key];
    change(list);
    renderSections();
    const target = sections.querySelector(focusSelector);
    if (target) target.focus();
  }

  function personFields(p, i) {
    const base = `/people/${i}`;
    return [
      textField({ label: t('add.personId'), path: `${base}/id`, value: p.id, hint: t('add.idHint') }),
      textField({ label: t('add.personName'), path: `${base}/name`, value: p.name }),
      textField({ label: t('add.titleFr'), path: `${base}/title/fr`, value: p.title && p.title.fr, lang: 'fr' }),
      textField({ label: t('add.titleEn'), path: `${base}/title/en`, value: p.title && p.title.en, lang: 'en' }),
      textField({ label: t('add.organisation'), path: `${base}/organisation`, value: p.organisation }),
    ];
  }

  function documentFields(d, i) {
    const base = `/documents/${i}`;
    const kinds = [...taxonomy.kinds.keys()].map((k) => ({ value: k, label: labelOf(taxonomy.kinds, k, lang) }));
    const people = [{ value: '', label: t('add.noPerson') },
      ...(bundle.people || []).filter((p) => p.id).map((p) => ({ value: p.id, label: p.name || p.id }))];
    return [
      textField({ label: t('add.documentId'), path: `${base}/id`, value: d.id, hint: t('add.idHint') }),
      selectField({ label: t('add.kind'), path: `${base}/kind`, value: d.kind, options: kinds }),
      selectField({ label: t('add.person'), path: `${base}/person`, value: d.person || '', options: people, optional: true }),
      textField({ label: t('add.asOf'), path: `${base}/as_of`, value: d.as_of, hint: t('add.dateHint'), optional: true }),
      dateField(d, base),
      textField({ label: t('add.titleFr'), path: `${base}/title/fr`, value: d.title && d.title.fr, lang: 'fr' }),
      textField({ label: t('add.titleEn'), path: `${base}/title/en`, value: d.title && d.title.en, lang: 'en' }),
      textField({ label: t('add.bodyFr'), path: `${base}/body/fr`, value: d.body && d.body.fr, rows: 5, lang: 'fr' }),
      textField({ label: t('add.bodyEn'), path: `${base}/body/en`, value: d.body && d.body.en, rows: 5, lang: 'en' }),
      createSourcePicker({
        legend: t('add.sources'), path: `${base}/sources`, known: knownSources,
        selected: d.sources || (d.source ? [d.source] : []),
        localSources: () => (readBundle(form).sources || []),
      }),
      kept(base, d, KEPT_FIELDS),
      checkboxGroup({
        legend: t('doc.themes'), path: `${base}/themes`, values: d.themes || [],
        options: [...taxonomy.themes.keys()].map((s) => ({ value: s, label: labelOf(taxonomy.themes, s, lang) })),
      }),
      checkboxGroup({
        legend: t('doc.stakeholders'), path: `${base}/stakeholders`, values: d.stakeholders || [],
        options: [...taxonomy.stakeholders.keys()].map((s) => ({ value: s, label: labelOf(taxonomy.stakeholders, s, lang) })),
      }),
    ];
  }

  // The milestone date: shown (and sent) only when the record is a milestone.
  function dateField(d, base) {
    const field = textField({ label: t('add.date'), path: `${base}/date`, value: d.date, hint: t('add.dateRequired'), optional: true });
    const input = field.querySelector('input');
    const sync = (kind) => {
      field.hidden = kind !== 'milestone';
      input.disabled = kind !== 'milestone';
    };
    sync(d.kind);
    queueMicrotask(() => {
      const select = field.closest('.form-grid')?.querySelector(`select[data-path="${CSS.escape(`${base}/kind`)}"]`);
      if (select) select.addEventListener('change', () => sync(select.value));
    });
    return field;
  }

  // A hidden field carrying the values of `keys` the form does not edit.
  function kept(path, item, keys) {
    const values = {};
    for (const key of keys) if (item && item[key] !== undefined && item[key] !== null && item[key] !== '') values[key] = item[key];
    if (!Object.keys(values).length) return null;
    return h('input', { type: 'hidden', value: JSON.stringify(values), dataset: { path, type: 'kept' } });
  }

  function sourceFields(src, i) {
    const base = `/sources/${i}`;
    return [
      textField({ label: t('add.sourceId'), path: `${base}/id`, value: src.id, hint: t('add.sourceIdHint') }),
      textField({ label: t('add.sourceUrl'), path: `${base}/url`, value: src.url, type: 'url', inputmode: 'url' }),
      textField({ label: t('add.sourceTitle'), path: `${base}/title`, value: src.title }),
      textField({ label: t('add.sourcePublisher'), path: `${base}/publisher`, value: src.publisher }),
      textField({ label: t('add.sourcePublished'), path: `${base}/published`, value: src.published, hint: t('add.dateHint'), optional: true }),
      selectField({
        label: t('add.sourceKind'), path: `${base}/kind`, value: src.kind || 'press',
        options: SOURCE_KINDS.map((k) => ({ value: k, label: t(`source.kind.${k}`) })),
      }),
      selectField({
        label: t('add.sourceLang'), path: `${base}/lang`, value: src.lang || 'fr',
        options: ['fr', 'en'].map((l) => ({ value: l, label: t(`source.lang.${l}`) })),
      }),
      textField({ label: t('add.noteFr'), path: `${base}/note/fr`, value: src.note && src.note.fr, optional: true, lang: 'fr' }),
      textField({ label: t('add.noteEn'), path: `${base}/note/en`, value: src.note && src.note.en, optional: true, lang: 'en' }),
    ];
  }

  function indicatorFields(ind, i) {
    const base = `/city/indicators/${i}`;
    return [
      textField({ label: t('add.indicatorName'), path: `${base}/name`, value: ind.name, hint: t('add.indicatorNameHint') }),
      textField({ label: t('add.indicatorValue'), path: `${base}/value`, value: ind.value, type: 'number', inputmode: 'decimal' }),
      textField({ label: t('add.labelFr'), path: `${base}/label/fr`, value: ind.label && ind.label.fr, lang: 'fr', optional: true }),
      textField({ label: t('add.labelEn'), path: `${base}/label/en`, value: ind.label && ind.label.en, lang: 'en', optional: true }),
      textField({ label: t('add.unit'), path: `${base}/unit`, value: ind.unit, optional: true }),
      textField({ label: t('add.asOf'), path: `${base}/as_of`, value: ind.as_of, hint: t('add.dateHint'), optional: true }),
      textField({ label: t('add.source'), path: `${base}/source`, value: ind.source, hint: t('add.sourceHint') }),
      textField({ label: t('add.indicatorDocument'), path: `${base}/document`, value: ind.document, optional: true }),
      flagField({ label: t('add.approximate'), path: `${base}/approximate`, checked: Boolean(ind.approximate) }),
    ];
  }

  // --- Sending.

  async function submit({ checkOnly = false }) {
    clearSummary();
    clearProblems(form);
    const payload = mode === 'json' ? parseJson() : readBundle(form);
    if (!payload) return;
    token = tokenInput.value.trim();
    if (!checkOnly && !token) {
      showSummary(t('add.failed'), [], [{ path: '', reason: t('add.tokenMissing') }]);
      markToken(t('add.tokenMissing'));
      return;
    }
    saveButton.disabled = true;
    checkButton.disabled = true;
    status.textContent = checkOnly ? t('add.checking') : t('add.saving');
    try {
      if (checkOnly) {
        await api.validateCity(payload, controller.signal);
        status.textContent = t('add.valid');
        return;
      }
      const receipt = await api.saveCity(payload, token, controller.signal);
      status.textContent = t('add.saved');
      // The city page confirms the save (with links to the result).
      setFlash({ kind: 'city-saved', slug: receipt.slug || payload.city.slug, documents: receipt.documents, people: receipt.people });
      navigate(cityUrl(receipt.slug || payload.city.slug, lang));
    } catch (error) {
      if (isAbort(error)) return;
      status.textContent = '';
      handleError(error);
    } finally {
      saveButton.disabled = false;
      checkButton.disabled = false;
    }
  }

  function handleError(error) {
    noteWriteError(error);
    if (error.status === 401) {
      markToken(t('add.tokenWrong'));
      showSummary(t('add.failed'), [], [{ path: '', reason: t('add.tokenWrong') }]);
      return;
    }
    const problems = error.problems && error.problems.length
      ? error.problems
      : [{ path: error.field || '', reason: error.message }];
    const { unplaced, marked } = mode === 'form' ? showProblems(form, problems) : { unplaced: problems, marked: [] };
    showSummary(error.status === 403 ? t('add.writesOff') : t('add.invalid', { count: problems.length }), marked, unplaced);
  }

  function markToken(message) {
    const slot = tokenField.querySelector('.field__error');
    slot.hidden = false;
    slot.textContent = message;
    tokenInput.setAttribute('aria-invalid', 'true');
  }

  // The error summary: every problem, those with a field as links to it.
  function showSummary(title, marked, unplaced) {
    replace(summary,
      h('h2', { class: 'form-summary__title' }, icon('close'), h('span', { text: title })),
      h('ul', {},
        marked.map(({ problem, target }) => h('li', {},
          h('a', {
            href: `#${target.id || ''}`,
            on: { click: (e) => { e.preventDefault(); target.focus(); } },
            text: t('add.problem', { field: fieldName(target), reason: problem.reason }),
          }))),
        unplaced.map((p) => h('li', {
          text: p.path && p.path !== '/' ? t('add.problem', { field: p.path, reason: p.reason }) : p.reason,
        }))));
    summary.hidden = false;
    summary.focus();
  }

  function clearSummary() {
    summary.hidden = true;
    replace(summary);
  }

  function fieldName(target) {
    const label = target.id && form.querySelector(`label[for="${CSS.escape(target.id)}"]`);
    const item = target.closest('.form-item');
    const itemTitle = item ? `${item.querySelector('.form-item__title').textContent} — ` : '';
    const text = label ? label.firstChild.textContent : (target.querySelector('legend')?.textContent || target.dataset.path);
    return `${itemTitle}${text}`;
  }

  return { el, destroy: () => controller.abort() };
}
