// A horizontally scrollable region for wide tables: focusable (so that the
// keyboard can scroll it), labelled, and with a visible hint that shows only
// while its content is wider than the region. Nothing else on a page may be
// wider than the screen (the compare test checks this on a phone).
import { h, uid } from '../dom.js';
import { t } from '../i18n.js';

// label: the region's accessible name; content: the table; extra props for
// the scrolling element (e.g. a class).
export function scrollRegion(label, content, { className = '' } = {}) {
  const hintId = uid('scroll-hint');
  const hint = h('p', { id: hintId, class: 'scroll-hint', hidden: true },
    h('span', { 'aria-hidden': 'true', text: '⇆ ' }), t('scroll.hint'));
  const region = h('div', {
    class: `table-scroll ${className}`.trim(),
    role: 'region',
    tabindex: '0',
    'aria-label': label,
    'aria-describedby': hintId,
    dataset: { scrollRegion: '' },
  }, content);
  const update = () => {
    const overflowing = region.scrollWidth > region.clientWidth + 1;
    hint.hidden = !overflowing;
    region.classList.toggle('is-overflowing', overflowing);
  };
  if (typeof ResizeObserver === 'function') new ResizeObserver(update).observe(region);
  requestAnimationFrame(update);
  return h('div', { class: 'scroll-region' }, hint, region);
}
