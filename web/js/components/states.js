// Shared loading, empty and error states.
import { h } from '../dom.js';
import { t } from '../i18n.js';

// A placeholder shaped like the content it stands for (decorative) plus a
// status message for screen readers.
export function loadingBlock(lines = 3) {
  return h('div', { class: 'loading', role: 'status' },
    h('span', { class: 'visually-hidden', text: t('state.loading') }),
    Array.from({ length: lines }, (_, i) =>
      h('div', { class: 'skeleton', 'aria-hidden': 'true', dataset: { n: String(i % 3) } },
        h('span', { class: 'skeleton__line skeleton__line--title' }),
        h('span', { class: 'skeleton__line' }),
        h('span', { class: 'skeleton__line skeleton__line--short' }))));
}

// A friendly message for an ApiError (or any error), with an optional retry.
export function errorBlock(error, { onRetry, title } = {}) {
  const status = error && error.status;
  let message = t('error.generic');
  if (status === 0) message = t('error.network');
  else if (status === 404) message = t('error.notFound');
  else if (status >= 400 && status < 500 && error.message) message = error.message;
  return h('div', { class: 'notice notice--error', role: 'alert' },
    h('p', { class: 'notice__title', text: title || t('error.title') }),
    h('p', { text: message }),
    onRetry ? h('button', { type: 'button', class: 'button', on: { click: onRetry }, text: t('action.retry') }) : null);
}

export function emptyBlock(title, ...body) {
  return h('div', { class: 'empty' },
    h('p', { class: 'empty__title', text: title }),
    body);
}
