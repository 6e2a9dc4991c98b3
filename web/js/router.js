// Client-side routing with the History API. The server answers every page
// path with index.html, so /documents/ID, /cities/lyon or /search?q=… load
// the app, which then picks the view from the route table (routes.js).
//
// A view module's default export is create(ctx) -> {el, update?(ctx), destroy?()}.
// ctx = {name, params (path groups), query (URLSearchParams), lang, setTitle,
// pageReady}. A view that shows its content after a fetch calls pageReady()
// then, so that the focus lands on its real title.
// When the route stays the same and only the query changes, update(ctx) is
// called if the view has it (the search page keeps its search box); otherwise
// the old view is destroyed and a new one created.
import { getLang, resolveLang, setLang } from './i18n.js';
import { h, replace } from './dom.js';

let table = [];
let fallback = null;
let outlet = null;
let listeners = [];
let current = null; // {name, lang, view}
let renderToken = 0;
let pendingScroll = null; // where to scroll once a page reached by back/forward is ready

// Starts routing: renders the current URL and follows links and history.
export function startRouter({ routes, notFound, main, onRender }) {
  table = routes;
  fallback = notFound;
  outlet = main;
  if (onRender) listeners.push(onRender);
  if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
  document.addEventListener('click', onLinkClick);
  window.addEventListener('popstate', () => render({ fromHistory: true }));
  return render({ initial: true });
}

// Goes to a same-origin URL (path + query). `replace` rewrites the current
// history entry instead of adding one (for corrections, not user steps).
export function navigate(url, { replace: replaceEntry = false } = {}) {
  const target = new URL(url, location.origin);
  const path = target.pathname + target.search + target.hash;
  if (path === location.pathname + location.search + location.hash) return render({});
  // Remember how far the page we leave was scrolled, for the back button.
  history.replaceState({ ...(history.state || {}), scrollY: window.scrollY }, '');
  if (replaceEntry) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  return render({});
}

// The current URL with `lang` set, for the language switch.
export function currentUrlWithLang(lang) {
  const url = new URL(location.href);
  url.searchParams.set('lang', lang);
  return url.pathname + url.search + url.hash;
}

function match(pathname) {
  for (const route of table) {
    const m = route.pattern.exec(pathname);
    if (m) return { route, params: m.slice(1).map((p) => safeDecode(p)) };
  }
  return { route: fallback, params: [] };
}

function safeDecode(part) {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

async function render({ initial = false, fromHistory = false }) {
  const token = ++renderToken;
  pendingScroll = fromHistory && history.state && Number.isFinite(history.state.scrollY) ? history.state.scrollY : null;
  const query = new URLSearchParams(location.search);
  const lang = resolveLang(query.get('lang'));
  if (query.get('lang') !== lang) {
    // Every page URL carries its language, so that it can be shared as is.
    query.set('lang', lang);
    history.replaceState(history.state, '', `${location.pathname}?${query}${location.hash}`);
  }
  const langChanged = lang !== getLang() || !current;
  setLang(lang);

  const { route, params } = match(location.pathname);
  const ctx = {
    name: route.name,
    params,
    query,
    lang,
    setTitle,
    pageReady() {
      if (token !== renderToken) return;
      const active = document.activeElement;
      if (!initial && (!active || active === document.body)) focusHeading();
      if (pendingScroll !== null) {
        window.scrollTo(0, pendingScroll);
        pendingScroll = null;
      }
    },
  };
  listeners.forEach((fn) => fn(ctx, { langChanged }));

  if (current && current.name === route.name && current.lang === lang && current.view.update) {
    current.view.update(ctx);
    return;
  }

  let module;
  try {
    module = await route.load();
  } catch (error) {
    if (token !== renderToken) return;
    showLoadFailure(error);
    return;
  }
  if (token !== renderToken) return;
  if (current && current.view.destroy) current.view.destroy();
  const view = module.default(ctx);
  current = { name: route.name, lang, view };
  replace(outlet, view.el);
  if (!fromHistory) window.scrollTo(0, 0);
  if (!initial) focusHeading();
}

// After a page change, move focus to the new page's title so that keyboard
// and screen-reader users start reading there.
function focusHeading() {
  const heading = outlet.querySelector('h1');
  if (!heading) return;
  heading.setAttribute('tabindex', '-1');
  heading.focus({ preventScroll: true });
}

function setTitle(...parts) {
  document.title = [...parts.filter(Boolean), 'citykb'].join(' — ');
}

function showLoadFailure(error) {
  current = null;
  replace(outlet, h('p', { class: 'notice notice--error', role: 'alert', text: String(error && error.message) }));
}

function onLinkClick(event) {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target.closest('a[href]');
  if (!link || link.target || link.hasAttribute('download') || link.dataset.external !== undefined) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin) return;
  if (url.pathname.startsWith('/api/') || /\.[a-z0-9]+$/i.test(url.pathname)) return;
  if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
  event.preventDefault();
  navigate(url.pathname + url.search + url.hash);
}
