// Labelled form fields for the curation form. Each field carries the JSON
// pointer of its value (data-path) and a slot for the validation problem
// the API reports at that path, tied to the control by aria-describedby.
// Fields not marked optional are required: marked with an asterisk (the
// form explains it) and aria-required before anything is sent.
import { h, uid } from '../dom.js';
import { t } from '../i18n.js';

// A text input (or a textarea when `rows` is set).
export function textField({ label, path, value = '', rows, type = 'text', hint, optional = false, lang, autocomplete, inputmode }) {
  const id = uid('field');
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const props = {
    id,
    class: rows ? 'input input--area' : 'input',
    value: value ?? '',
    lang,
    autocomplete: autocomplete || 'off',
    inputmode,
    'aria-describedby': [hintId, errorId].filter(Boolean).join(' '),
    'aria-required': optional ? null : 'true',
    dataset: { path, ...(optional ? { optional: '' } : {}), ...(type === 'number' ? { type: 'number' } : {}) },
  };
  const control = rows
    ? h('textarea', { ...props, rows: String(rows) })
    : h('input', { ...props, type: type === 'number' ? 'text' : type });
  return h('div', { class: `field${rows ? ' field--wide' : ''}` },
    h('label', { for: id, class: 'field__label' }, label, marker(optional)),
    hint ? h('p', { id: hintId, class: 'field__hint', text: hint }) : null,
    control,
    h('p', { id: errorId, class: 'field__error', hidden: true }));
}

// "(optional)" after an optional field's label, else the required mark: an
// asterisk drawn by CSS (hidden from screen readers, which hear
// aria-required instead, and kept out of the label's text).
function marker(optional) {
  return optional
    ? h('span', { class: 'field__optional', text: ` ${t('form.optional')}` })
    : h('span', { class: 'field__required', 'aria-hidden': 'true', title: t('form.required') });
}

// The note that explains the mark, for the top of a form.
export function requiredNote() {
  return h('p', { class: 'form-required-note' },
    h('span', { class: 'field__required', 'aria-hidden': 'true' }), ' ', t('form.requiredNote'));
}

// A select among `options` [{value, label}].
export function selectField({ label, path, value = '', options, optional = false }) {
  const id = uid('field');
  const errorId = `${id}-error`;
  return h('div', { class: 'field' },
    h('label', { for: id, class: 'field__label' }, label, marker(optional)),
    h('select', {
      id, class: 'select', 'aria-describedby': errorId, 'aria-required': optional ? null : 'true',
      dataset: { path, ...(optional ? { optional: '' } : {}) },
    }, options.map((o) => h('option', { value: o.value, selected: o.value === value, text: o.label }))),
    h('p', { id: errorId, class: 'field__error', hidden: true }));
}

// A single checkbox whose value is `true` when ticked.
export function flagField({ label, path, checked = false }) {
  const id = uid('field');
  return h('div', { class: 'field field--flag' },
    h('input', { id, type: 'checkbox', class: 'facet__check', checked, dataset: { path, type: 'flag' } }),
    h('label', { for: id, text: label }));
}

// A group of checkboxes making an array of the ticked values.
export function checkboxGroup({ legend, path, options, values = [] }) {
  const id = uid('group');
  const errorId = `${id}-error`;
  return h('fieldset', { id, class: 'field field--wide field-group', tabindex: '-1', 'aria-describedby': errorId, dataset: { group: path } },
    h('legend', { class: 'field__label', text: legend }),
    h('ul', { class: 'field-group__list' }, options.map((o) => {
      const id = uid('opt');
      return h('li', {},
        h('input', { id, type: 'checkbox', class: 'facet__check', value: o.value, checked: values.includes(o.value), dataset: { path, multi: '' } }),
        h('label', { for: id, text: o.label }));
    })),
    h('p', { id: errorId, class: 'field__error', hidden: true }));
}

// Shows each problem ({path, reason}) next to the field of that path, or of
// the closest enclosing path that has a field. Returns the problems that
// found no field (to be listed in the summary only) and the fields marked.
export function showProblems(form, problems) {
  clearProblems(form);
  const unplaced = [];
  const marked = [];
  for (const problem of problems) {
    const target = findTarget(form, problem.path || '');
    if (!target) {
      unplaced.push(problem);
      continue;
    }
    const slot = document.getElementById(errorIdOf(target));
    if (slot) {
      slot.hidden = false;
      slot.textContent = slot.textContent ? `${slot.textContent} ${problem.reason}` : problem.reason;
    }
    if (target.matches('input, select, textarea')) target.setAttribute('aria-invalid', 'true');
    target.closest('.field')?.classList.add('field--invalid');
    marked.push({ problem, target });
  }
  return { unplaced, marked };
}

export function clearProblems(form) {
  for (const slot of form.querySelectorAll('.field__error')) {
    slot.hidden = true;
    slot.textContent = '';
  }
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const el of form.querySelectorAll('.field--invalid')) el.classList.remove('field--invalid');
}

function findTarget(form, path) {
  let p = path;
  while (p && p !== '/') {
    const esc = CSS.escape(p);
    const control = form.querySelector(`[data-path="${esc}"]:not([data-multi])`) || form.querySelector(`[data-group="${esc}"]`);
    if (control) return control;
    // "/documents/0/themes/2" belongs to the group "/documents/0/themes".
    p = p.slice(0, p.lastIndexOf('/'));
  }
  return null;
}

function errorIdOf(target) {
  return (target.getAttribute('aria-describedby') || '').split(' ').find((id) => id.endsWith('error')) || '';
}
