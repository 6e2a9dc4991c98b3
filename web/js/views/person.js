// The page of one person (/people/ID): name, latest title and city, their
// roles over time (from–to, organisation, as of, source), then everything
// they said or did in citykb (roles first), each linked. Data from
// GET /api/people/ID; an unknown id shows the not-found page.
import { api } from '../api.js';
import { h, icon, replace } from '../dom.js';
import { localized, t } from '../i18n.js';
import { formatPartialDate } from '../format.js';
import { searchUrl } from '../state/url.js';
import { cityUrl, documentUrl } from '../links.js';
import { labelOf } from '../taxonomy.js';
import { kindBadge } from '../components/hit.js';
import { asOfText, sourceRef } from '../components/source-ref.js';
import { loadRecordPage } from '../components/record-page.js';

export default function createPersonView(ctx) {
  const { lang } = ctx;
  const id = ctx.params[0];
  const controller = new AbortController();
  const el = h('div', { class: 'page person-page' });

  loadRecordPage(ctx, el, {
    fetch: (signal) => api.person(id, lang, signal),
    render: (data, taxonomy) => render(data, taxonomy),
    backLink: () => backLink(),
    signal: controller.signal,
  });

  function render(data, taxonomy) {
    const person = data.person || {};
    const documents = data.documents || [];
    const roles = sortRoles(person.roles || []);
    ctx.setTitle(person.name);

    const header = h('header', { class: 'person-page__header' },
      h('span', { class: 'person-card__avatar person-page__avatar', 'aria-hidden': 'true', text: initials(person.name) }),
      h('div', {},
        h('h1', { class: 'person-page__name', text: person.name || id }),
        localized(person.title, lang, { fallback: true })
          ? h('p', { class: 'person-page__title', text: localized(person.title, lang, { fallback: true }) }) : null,
        h('p', { class: 'person-page__org' },
          person.organisation ? h('span', { text: person.organisation }) : null,
          person.city ? [person.organisation ? ' · ' : null,
            h('a', { href: cityUrl(person.city.slug, lang) }, icon('city'), h('span', { text: person.city.name }))] : null)));

    const rolesSection = h('section', { class: 'panel person-page__roles', 'aria-labelledby': 'person-roles' },
      h('h2', { id: 'person-roles', text: t('person.roles') }),
      roles.length
        ? h('ol', { class: 'role-list' }, roles.map(roleItem))
        : h('p', { class: 'muted', text: t('person.noRoles') }));

    const records = h('section', { class: 'person-page__documents', 'aria-labelledby': 'person-docs' },
      h('h2', { id: 'person-docs', text: t('person.documents') }),
      documents.length
        ? h('ul', { class: 'doc-list' }, documents.map((doc) => documentItem(doc, taxonomy)))
        : h('p', { class: 'muted', text: t('person.noDocuments') }));

    replace(el, backLink(), h('article', { class: 'person-page__body' }, header,
      h('div', { class: 'person-page__grid' }, records, rolesSection)));
  }

  function roleItem(role) {
    return h('li', { class: 'role-list__item' },
      h('p', { class: 'role-list__period', text: period(role) }),
      h('p', { class: 'role-list__title', text: localized(role.title, lang, { fallback: true }) }),
      role.organisation ? h('p', { class: 'role-list__org', text: role.organisation }) : null,
      role.as_of ? h('p', { class: 'role-list__as-of muted', text: asOfText(role.as_of) }) : null,
      role.source && typeof role.source === 'object'
        ? h('p', { class: 'role-list__source' }, `${t('hit.source')} `, sourceRef(role.source, { lang })) : null);
  }

  function period(role) {
    const from = formatPartialDate(role.from);
    const to = formatPartialDate(role.to);
    if (from && to) return t('person.period', { from, to });
    if (from) return t('person.since', { from });
    if (to) return t('person.until', { to });
    return t('person.undated');
  }

  function documentItem(doc, taxonomy) {
    const when = doc.kind === 'milestone' && doc.date ? formatPartialDate(doc.date) : asOfText(doc.as_of);
    const title = typeof doc.title === 'string' ? doc.title : localized(doc.title, lang, { fallback: true });
    return h('li', { class: 'doc-list__item', dataset: { id: doc.id } },
      h('p', { class: 'doc-list__meta' },
        kindBadge(doc.kind, labelOf(taxonomy && taxonomy.kinds, doc.kind, lang)),
        when ? h('span', { class: 'muted', text: when }) : null),
      h('a', { class: 'doc-list__title', href: documentUrl(doc.id, lang), text: title || doc.id }));
  }

  function backLink() {
    return h('nav', { class: 'breadcrumb', 'aria-label': t('person.back') },
      h('a', { href: searchUrl({}, lang) }, icon('arrowLeft'), h('span', { text: t('person.back') })));
  }

  return { el, destroy: () => controller.abort() };
}

// Latest role first: by start (or as-of) date, undated roles last.
function sortRoles(roles) {
  const key = (r) => String(r.from || r.as_of || '');
  return [...roles].sort((a, b) => key(b).localeCompare(key(a)));
}

function initials(name = '') {
  return name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0].toUpperCase()).join('');
}
