// Page links for a result list: previous, numbered pages (with gaps) and
// next, as real links so that each page has its own URL.
import { h, icon } from '../dom.js';
import { t } from '../i18n.js';

// hrefFor(page) -> URL. Returns null when everything fits on one page.
export function renderPagination({ page, total, perPage, hrefFor }) {
  const pages = Math.ceil(total / perPage);
  if (pages <= 1) return null;
  const items = [];
  items.push(h('li', { class: 'pagination__step' }, page > 1
    ? h('a', { href: hrefFor(page - 1), rel: 'prev', dataset: { page: String(page - 1) } }, icon('arrowLeft'), h('span', { text: t('pagination.prev') }))
    : h('span', { class: 'is-disabled', 'aria-hidden': 'true' }, icon('arrowLeft'), h('span', { text: t('pagination.prev') }))));
  for (const n of pageList(page, pages)) {
    if (n === null) items.push(h('li', { class: 'pagination__gap', 'aria-hidden': 'true', text: '…' }));
    else if (n === page) items.push(h('li', {}, h('a', { href: hrefFor(n), 'aria-current': 'page', 'aria-label': t('pagination.page', { n }), text: String(n) })));
    else items.push(h('li', {}, h('a', { href: hrefFor(n), 'aria-label': t('pagination.page', { n }), dataset: { page: String(n) }, text: String(n) })));
  }
  items.push(h('li', { class: 'pagination__step' }, page < pages
    ? h('a', { href: hrefFor(page + 1), rel: 'next', dataset: { page: String(page + 1) } }, h('span', { text: t('pagination.next') }), icon('arrowRight'))
    : h('span', { class: 'is-disabled', 'aria-hidden': 'true' }, h('span', { text: t('pagination.next') }), icon('arrowRight'))));
  return h('nav', { class: 'pagination', 'aria-label': t('pagination.label') }, h('ul', {}, items));
}

// 1 … 4 5 6 … 20: the first, last and neighbours of the current page.
function pageList(page, pages) {
  const wanted = new Set([1, pages, page - 1, page, page + 1].filter((n) => n >= 1 && n <= pages));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i < sorted.length; i += 1) {
    if (i > 0 && sorted[i] - sorted[i - 1] > 1) out.push(sorted[i] - sorted[i - 1] === 2 ? sorted[i] - 1 : null);
    out.push(sorted[i]);
  }
  return out;
}
