// The page for a path that matches no route.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { withLang } from '../state/url.js';

export default function createNotFoundView(ctx) {
  ctx.setTitle(t('notFound.title'));
  const el = h('div', { class: 'page page--narrow' },
    h('h1', { text: t('notFound.title') }),
    h('p', { text: t('notFound.body') }),
    h('p', {}, h('a', { class: 'button button--primary', href: withLang('/search', ctx.lang), text: t('notFound.back') })));
  return { el };
}
