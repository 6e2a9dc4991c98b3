// The route table: which path shows which view, and which views appear in
// the header's navigation (those with `nav`, in this order; `needsWrites`
// hides an entry when the server says writes are off). A new view (the
// compare page, the curation form) is one more line here and one module in
// views/.

export const ROUTES = [
  {
    name: 'search',
    pattern: /^\/(?:search\/?)?$/,
    load: () => import('./views/search.js'),
    nav: { label: 'nav.search', href: '/search' },
  },
  {
    name: 'compare',
    pattern: /^\/compare\/?$/,
    load: () => import('./views/compare.js'),
    nav: { label: 'nav.compare', href: '/compare' },
  },
  {
    name: 'timeline',
    pattern: /^\/timeline\/?$/,
    load: () => import('./views/timeline.js'),
    nav: { label: 'nav.timeline', href: '/timeline' },
  },
  {
    name: 'add',
    pattern: /^\/add\/?$/,
    load: () => import('./views/add.js'),
    nav: { label: 'nav.add', href: '/add', needsWrites: true },
  },
  {
    name: 'document',
    pattern: /^\/documents\/([^/]+)\/?$/,
    load: () => import('./views/document.js'),
  },
  {
    name: 'city',
    pattern: /^\/cities\/([^/]+)\/?$/,
    load: () => import('./views/city.js'),
  },
  {
    name: 'sources',
    pattern: /^\/sources\/?$/,
    load: () => import('./views/sources.js'),
  },
  {
    name: 'source',
    pattern: /^\/sources\/([^/]+)\/?$/,
    load: () => import('./views/source.js'),
  },
  {
    name: 'person',
    pattern: /^\/people\/([^/]+)\/?$/,
    load: () => import('./views/person.js'),
  },
];

export const NOT_FOUND = {
  name: 'not-found',
  load: () => import('./views/not-found.js'),
};
