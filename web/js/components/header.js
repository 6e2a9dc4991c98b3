// The site header (brand, navigation built from the route table, language
// switch) and footer. Both stay in place across pages; update() refreshes
// the current link and the labels after every navigation. On a narrow
// screen the navigation folds behind a menu button (a disclosure: Escape, an
// outside click or a navigation closes it), so the header stays one line.
import { h, icon, replace, uid } from '../dom.js';
import { otherLang, t } from '../i18n.js';
import { currentUrlWithLang } from '../router.js';
import { withLang } from '../state/url.js';
import { writesEnabled } from '../state/writes.js';

const LANG_NAMES = { fr: 'Français', en: 'English' };

export function createShell({ header, footer, routes }) {
  const navItems = routes.filter((r) => r.nav);

  function update(ctx) {
    const lang = ctx.lang;
    const other = otherLang(lang);
    const brand = h('a', { class: 'brand', href: withLang('/', lang) },
      h('span', { class: 'brand__mark', 'aria-hidden': 'true' }),
      h('span', { class: 'brand__name', text: 'citykb' }),
      h('span', { class: 'brand__tagline', text: t('brand.tagline') }));

    const listId = uid('site-nav');
    const list = h('ul', { id: listId }, navItems.map((route) => h('li', { dataset: route.nav.needsWrites ? { needsWrites: '' } : {} },
      h('a', {
        href: withLang(route.nav.href, lang),
        'aria-current': route.name === ctx.name ? 'page' : false,
        text: t(route.nav.label),
      }))));
    const menuButton = h('button', {
      type: 'button',
      class: 'site-nav__toggle',
      'aria-expanded': 'false',
      'aria-controls': listId,
      on: { click: () => setMenuOpen(menuButton.getAttribute('aria-expanded') !== 'true') },
    }, icon('menu'), h('span', { text: t('nav.menu') }));
    const nav = h('nav', { class: 'site-nav', 'aria-label': t('nav.label') }, menuButton, list);

    const switcher = h('a', {
      class: 'lang-switch',
      href: currentUrlWithLang(other),
      hreflang: other,
      title: t('lang.switch'),
    }, h('span', { class: 'lang-switch__code', 'aria-hidden': 'true', text: other.toUpperCase() }),
    h('span', { class: 'lang-switch__name', lang: other, text: LANG_NAMES[other] }));

    replace(header, h('div', { class: 'site-header__inner' }, brand, nav, switcher));
    setMenuOpen(false);
    // Curation entries only where writes may be on.
    writesEnabled().then((on) => {
      for (const item of nav.querySelectorAll('[data-needs-writes]')) item.hidden = on === false;
    });

    replace(footer, h('div', { class: 'site-footer__inner' },
      h('p', { text: t('footer.about') }),
      h('p', {},
        h('a', { href: '/api/openapi.json', text: t('footer.api') }),
        ' · ',
        h('a', { href: withLang('/sources', lang), text: t('footer.sourcesLink') }),
        ' · ',
        h('span', { text: t('footer.sources') })),
      licenceLine()));
    document.querySelector('.skip-link').textContent = t('skip');
  }

  // The folded menu (narrow screens only; CSS shows the button there).
  let openMenu = null; // {nav, button} while open
  function setMenuOpen(open) {
    const button = header.querySelector('.site-nav__toggle');
    if (!button) return;
    button.setAttribute('aria-expanded', String(open));
    button.closest('.site-nav').classList.toggle('is-open', open);
    openMenu = open ? { nav: button.closest('.site-nav'), button } : null;
  }
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !openMenu) return;
    const { nav, button } = openMenu;
    const inside = nav.contains(document.activeElement);
    setMenuOpen(false);
    if (inside) button.focus();
  });
  document.addEventListener('click', (event) => {
    if (openMenu && !openMenu.nav.contains(event.target)) setMenuOpen(false);
  });

  return { update };
}

// "Corpus sous licence CC BY 4.0 · code sous licence MIT", both linked to their texts.
function licenceLine() {
  const links = {
    corpus: h('a', { href: 'https://creativecommons.org/licenses/by/4.0/', rel: 'license', 'data-external': '', text: 'CC BY 4.0' }),
    code: h('a', { href: 'https://opensource.org/license/mit', 'data-external': '', text: 'MIT' }),
  };
  const parts = t('footer.licence').split(/(\{corpus\}|\{code\})/);
  return h('p', { class: 'site-footer__licence' },
    parts.map((part) => (part === '{corpus}' ? links.corpus : part === '{code}' ? links.code : part)));
}
