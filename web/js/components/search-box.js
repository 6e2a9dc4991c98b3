// The search box with as-you-type suggestions, following the ARIA combobox
// pattern: a labelled search field (role searchbox) inside a combobox that
// owns a listbox of suggestions. Arrow keys move through the suggestions
// (aria-activedescendant), Enter picks one or runs the search, Escape closes
// the list and then clears the field. Suggestions are fetched after a short
// pause in typing, and a newer keystroke cancels the older request. The list
// closes on submit, on Escape and on a click outside the box; an answer that
// arrives after the search was run (or after a newer keystroke) is dropped,
// so that it never reopens the list over the page.
import { api, isAbort } from '../api.js';
import { h, icon, uid } from '../dom.js';
import { t } from '../i18n.js';

const DEBOUNCE_MS = 150;
const MIN_CHARS = 2;

// onSearch(q): run a search for q. onPick(suggestion): a non-word
// suggestion was chosen ({text, type, id}).
export function createSearchBox({ value = '', lang, onSearch, onPick }) {
  const ids = { input: uid('q'), label: uid('q-label'), list: uid('q-list'), hint: uid('q-hint') };
  let suggestions = [];
  let active = -1;
  let timer = 0;
  let controller = null;
  let generation = 0; // bumped by every keystroke and every submit: older answers are stale

  const input = h('input', {
    id: ids.input,
    class: 'searchbar__input',
    type: 'search',
    name: 'q',
    value,
    autocomplete: 'off',
    spellcheck: 'false',
    enterkeyhint: 'search',
    placeholder: t('search.placeholder'),
    'aria-autocomplete': 'list',
    'aria-controls': ids.list,
    'aria-describedby': ids.hint,
  });
  const list = h('ul', { id: ids.list, class: 'suggestions', role: 'listbox', 'aria-labelledby': ids.label, hidden: true });
  const combo = h('div', {
    class: 'searchbar__combo',
    role: 'combobox',
    'aria-expanded': 'false',
    'aria-controls': ids.list,
    'aria-owns': ids.list,
    'aria-labelledby': ids.label,
  }, icon('search'), input);
  const live = h('p', { class: 'visually-hidden', role: 'status' });
  const form = h('form', { class: 'searchbar', role: 'search', action: '/search', method: 'get', 'aria-labelledby': ids.label },
    h('label', { id: ids.label, class: 'searchbar__label', for: ids.input, text: t('search.label') }),
    h('div', { class: 'searchbar__row' },
      h('div', { class: 'searchbar__field' }, combo, list),
      h('button', { class: 'button button--primary searchbar__submit', type: 'submit' },
        icon('search'), h('span', { class: 'searchbar__submit-text', text: t('search.submit') }))),
    h('p', { id: ids.hint, class: 'visually-hidden', text: t('search.hint') }),
    live);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    cancelPending();
    suggestions = [];
    close();
    onSearch(input.value.trim());
  });
  // A click anywhere outside the search box closes the list.
  const onOutside = (event) => {
    if (!list.hidden && !form.contains(event.target)) close();
  };
  document.addEventListener('pointerdown', onOutside, true);
  input.addEventListener('input', () => schedule());
  input.addEventListener('keydown', onKeyDown);
  input.addEventListener('blur', () => setTimeout(close, 120));
  input.addEventListener('focus', () => { if (suggestions.length && input.value.trim().length >= MIN_CHARS) open(); });
  list.addEventListener('mousedown', (event) => event.preventDefault()); // keep focus in the field
  list.addEventListener('click', (event) => {
    const option = event.target.closest('[role="option"]');
    if (option) pick(Number(option.dataset.index));
  });

  // Forgets any suggestion request in flight or waiting for its pause.
  function cancelPending() {
    generation += 1;
    clearTimeout(timer);
    if (controller) controller.abort();
    controller = null;
  }

  function schedule() {
    cancelPending();
    const q = input.value.trim();
    if (q.length < MIN_CHARS) {
      suggestions = [];
      close();
      return;
    }
    const mine = generation;
    timer = setTimeout(() => fetchSuggestions(q, mine), DEBOUNCE_MS);
  }

  async function fetchSuggestions(q, mine) {
    if (mine !== generation) return;
    controller = new AbortController();
    try {
      const data = await api.suggest(q, lang, controller.signal);
      if (mine !== generation || input.value.trim() !== q) return;
      suggestions = (data.suggestions || []).slice(0, 8);
      renderList();
    } catch (error) {
      if (!isAbort(error)) { suggestions = []; close(); } // suggestions are a convenience: fail quietly
    }
  }

  function renderList() {
    active = -1;
    input.removeAttribute('aria-activedescendant');
    list.replaceChildren(...suggestions.map((s, i) => h('li', {
      id: `${ids.list}-${i}`,
      class: `suggestion suggestion--${s.type}`,
      role: 'option',
      'aria-selected': 'false',
      dataset: { index: String(i) },
    }, h('span', { class: 'suggestion__text', text: s.text }),
    h('span', { class: 'suggestion__type', text: t(`suggest.${s.type}`) }))));
    if (suggestions.length && document.activeElement === input) open();
    else close();
    live.textContent = suggestions.length ? t('suggest.count', { n: suggestions.length }) : '';
  }

  function open() {
    list.hidden = false;
    combo.setAttribute('aria-expanded', 'true');
  }

  function close() {
    list.hidden = true;
    combo.setAttribute('aria-expanded', 'false');
    setActive(-1);
  }

  function setActive(index) {
    active = index;
    for (const option of list.children) {
      const selected = Number(option.dataset.index) === index;
      option.setAttribute('aria-selected', String(selected));
      option.classList.toggle('is-active', selected);
      if (selected) option.scrollIntoView({ block: 'nearest' });
    }
    if (index >= 0) input.setAttribute('aria-activedescendant', `${ids.list}-${index}`);
    else input.removeAttribute('aria-activedescendant');
  }

  function onKeyDown(event) {
    const isOpen = !list.hidden;
    switch (event.key) {
      case 'ArrowDown':
        if (!suggestions.length) return;
        event.preventDefault();
        if (!isOpen) open();
        setActive(active + 1 >= suggestions.length ? 0 : active + 1);
        break;
      case 'ArrowUp':
        if (!suggestions.length) return;
        event.preventDefault();
        if (!isOpen) open();
        setActive(active <= 0 ? suggestions.length - 1 : active - 1);
        break;
      case 'Enter':
        if (isOpen && active >= 0) {
          event.preventDefault();
          pick(active);
        }
        break;
      case 'Escape':
        cancelPending();
        if (isOpen) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = '';
          suggestions = [];
        }
        break;
      case 'Tab':
        close();
        break;
      default:
        break;
    }
  }

  function pick(index) {
    const suggestion = suggestions[index];
    if (!suggestion) return;
    cancelPending();
    close();
    if (suggestion.type === 'word') {
      input.value = suggestion.text;
      onSearch(suggestion.text);
    } else {
      onPick(suggestion);
    }
  }

  return {
    el: form,
    input,
    setValue(q) {
      if (input.value.trim() !== q) input.value = q;
    },
    destroy() {
      cancelPending();
      document.removeEventListener('pointerdown', onOutside, true);
    },
  };
}
