// The city page (/cities/SLUG): the city's profile, its people and their
// roles, its indicators, and its documents grouped by kind, from
// GET /api/cities/SLUG.
import { api, isAbort } from '../api.js';
import { h, icon, replace, uid } from '../dom.js';
import { navigate } from '../router.js';
import { noteWriteError, setFlash, takeFlash, writesEnabled } from '../state/writes.js';
import { localized, t } from '../i18n.js';
import { formatDate, formatNumber, formatValue } from '../format.js';
import { labelOf, loadTaxonomy } from '../taxonomy.js';
import { searchUrl, withLang } from '../state/url.js';
import { compareUrl } from '../state/compare-url.js';
import { cityUrl } from '../links.js';
import { documentUrl, kindBadge } from '../components/hit.js';
import { asOfText, sourceRef } from '../components/source-ref.js';
import { emptyBlock, errorBlock, loadingBlock } from '../components/states.js';

export default function createCityView(ctx) {
  const { lang } = ctx;
  const slug = ctx.params[0];
  const controller = new AbortController();
  const el = h('div', { class: 'page city-page' });

  load();

  async function load() {
    replace(el, backLink(), h('h1', { class: 'visually-hidden', text: t('state.loading') }), loadingBlock(2));
    ctx.setTitle(t('state.loading'));
    try {
      const [data, taxonomy, similar, writes] = await Promise.all([
        api.city(slug, controller.signal),
        loadTaxonomy().catch(() => null),
        // The similar cities are a bonus: the page shows without them.
        api.similarCities(slug, lang, controller.signal).catch((error) => (isAbort(error) ? Promise.reject(error) : null)),
        writesEnabled(),
      ]);
      render(data, taxonomy, similar, writes);
      ctx.pageReady();
      const notice = el.querySelector('.notice--success');
      if (notice) notice.focus();
    } catch (error) {
      if (isAbort(error)) return;
      const missing = error.status === 404;
      ctx.setTitle(missing ? t('notFound.title') : t('error.title'));
      replace(el, backLink(),
        h('h1', { text: missing ? t('notFound.title') : t('error.title') }),
        missing
          ? emptyBlock(t('city.notFound'), h('p', {}, h('a', { href: searchUrl({}, lang), text: t('empty.browseAll') })))
          : errorBlock(error, { onRetry: load }));
      ctx.pageReady();
    }
  }

  function render(data, taxonomy, similar, writes) {
    const city = data.city || {};
    const name = city.name || slug;
    const summary = localized(city.summary, lang, { fallback: true });
    ctx.setTitle(name);
    const groups = documentGroups(data.documents, taxonomy, lang);
    const total = groups.reduce((n, g) => n + g.documents.length, 0);

    const header = h('header', { class: 'city__header' },
      h('p', { class: 'city__org' }, icon('city'),
        h('span', { text: [city.organisation, city.country].filter(Boolean).join(' · ') })),
      h('h1', { class: 'city__name', text: name }),
      summary ? h('p', { class: 'city__summary', text: summary }) : null,
      h('div', { class: 'city__actions' },
        h('a', { class: 'button button--primary', href: searchUrl({ city: [city.slug || slug] }, lang) },
          icon('search'), h('span', { text: t('city.searchIn', { city: name }) })),
        h('a', { class: 'button', href: withLang('/compare', lang) }, icon('columns'), h('span', { text: t('city.compare') })),
        h('span', { class: 'city__count', text: t('city.count', { count: total, n: formatNumber(total) }) }),
        city.updated_at ? h('span', { class: 'city__updated', text: t('city.edited', { date: formatDate(city.updated_at) }) }) : null));

    const documents = h('section', { class: 'city__documents', 'aria-labelledby': 'city-docs' },
      h('h2', { id: 'city-docs', text: t('city.documents') }),
      groups.length
        ? groups.map((group) => h('section', { class: 'kind-group', 'aria-labelledby': `kind-${group.kind}` },
          h('h3', { id: `kind-${group.kind}`, class: 'kind-group__title' },
            kindBadge(group.kind, group.label),
            h('span', { class: 'kind-group__count', text: formatNumber(group.documents.length) })),
          h('ul', { class: 'doc-list' }, group.documents.map((doc) => documentItem(doc, taxonomy)))))
        : h('p', { class: 'muted', text: t('empty.title') }));

    const people = h('section', { class: 'panel', 'aria-labelledby': 'city-people' },
      h('h2', { id: 'city-people', text: t('city.people') }),
      (data.people || []).length
        ? h('ul', { class: 'people' }, data.people.map(personItem))
        : h('p', { class: 'muted', text: t('city.noPeople') }));

    const indicators = data.indicators || city.indicators || [];
    const figures = h('section', { class: 'panel', 'aria-labelledby': 'city-indicators' },
      h('h2', { id: 'city-indicators', text: t('city.indicators') }),
      indicators.length
        ? h('dl', { class: 'indicators' }, indicators.map(indicatorItem))
        : h('p', { class: 'muted', text: t('city.noIndicators') }));

    const saved = takeFlash('city-saved');
    replace(el, backLink(),
      saved && saved.slug === (city.slug || slug) ? savedNotice(name, saved) : null,
      h('article', { class: 'city' }, header,
      writes === false ? null : curation(city, name),
      h('div', { class: 'city__grid' }, documents, h('div', { class: 'city__side' }, people, figures, similarBlock(city, name, similar)))));
  }

  // The confirmation after the form saved this city, linking to what was saved.
  function savedNotice(name, saved) {
    return h('div', { class: 'notice notice--success', role: 'status', tabindex: '-1' },
      h('p', { class: 'notice__title', text: t('city.saved', { city: name }) }),
      h('p', {},
        t('city.savedCounts', { documents: saved.documents ?? 0, people: saved.people ?? 0 }), ' ',
        h('a', { href: searchUrl({ city: [saved.slug] }, lang), text: t('city.savedSee') }), ' · ',
        h('a', { href: withLang(`/add?city=${encodeURIComponent(saved.slug)}`, lang), text: t('city.editAgain') })));
  }

  // Edit and delete, for curators (hidden when the server says writes are off).
  function curation(city, name) {
    const citySlug = city.slug || slug;
    const tokenId = uid('delete-token');
    const errorId = `${tokenId}-error`;
    const error = h('p', { id: errorId, class: 'field__error', hidden: true });
    const tokenInput = h('input', {
      id: tokenId, class: 'input', type: 'password', autocomplete: 'off', 'aria-required': 'true', 'aria-describedby': errorId,
    });
    const confirmBox = h('form', {
      class: 'city__delete', hidden: true, 'aria-labelledby': `${tokenId}-title`,
      on: { submit: (event) => { event.preventDefault(); remove(); } },
    },
    h('p', { id: `${tokenId}-title`, class: 'city__delete-title', text: t('city.deleteConfirm', { city: name }) }),
    h('div', { class: 'field' },
      h('label', { for: tokenId, class: 'field__label' }, t('add.token'), h('span', { class: 'field__required', 'aria-hidden': 'true' })),
      tokenInput, error),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button button--danger', text: t('city.deleteDo', { city: name }) }),
      h('button', { type: 'button', class: 'button', on: { click: () => toggle(false) }, text: t('city.deleteCancel') })));
    const deleteButton = h('button', {
      type: 'button', class: 'button button--small', 'aria-expanded': 'false',
      on: { click: () => toggle(confirmBox.hidden) },
    }, icon('close'), h('span', { text: t('city.delete') }));

    function toggle(open) {
      confirmBox.hidden = !open;
      deleteButton.setAttribute('aria-expanded', String(open));
      if (open) tokenInput.focus();
      else deleteButton.focus();
    }

    async function remove() {
      const token = tokenInput.value.trim();
      const fail = (message) => {
        error.hidden = false;
        error.textContent = message;
        tokenInput.setAttribute('aria-invalid', 'true');
        tokenInput.focus();
      };
      if (!token) return fail(t('add.tokenMissing'));
      try {
        await api.deleteCity(citySlug, token, controller.signal);
        setFlash({ kind: 'city-deleted', name });
        navigate(searchUrl({}, lang));
      } catch (e) {
        if (isAbort(e)) return;
        noteWriteError(e);
        fail(e.status === 401 ? t('add.tokenWrong') : e.status === 403 ? t('add.writesOff') : e.message);
      }
    }

    return h('section', { class: 'city__curation', 'aria-label': t('city.curation') },
      h('div', { class: 'city__curation-actions' },
        h('a', { class: 'button button--small', href: withLang(`/add?city=${encodeURIComponent(citySlug)}`, lang) },
          h('span', { text: t('city.edit') })),
        deleteButton),
      confirmBox);
  }

  // "Cities like this one": each with why, a link to it and to a compare of both.
  function similarBlock(city, name, similar) {
    const list = (similar && similar.similar) || [];
    if (!similar) return null;
    return h('section', { class: 'panel similar-cities', 'aria-labelledby': 'city-similar' },
      h('h2', { id: 'city-similar', text: t('city.similar') }),
      list.length
        ? h('ul', { class: 'similar-cities__list' }, list.map((other) => h('li', { class: 'similar-city', dataset: { city: other.slug } },
          h('p', { class: 'similar-city__head' },
            h('a', { class: 'similar-city__name', href: cityUrl(other.slug, lang), text: other.name })),
          (other.reasons || []).length
            ? h('ul', { class: 'similar-city__reasons', 'aria-label': t('city.similarWhy', { city: other.name }) },
              other.reasons.map((reason) => h('li', { text: reason })))
            : null,
          h('a', {
            class: 'similar-city__compare',
            href: compareUrl({ cities: [city.slug || slug, other.slug] }, lang),
          }, icon('columns'), h('span', { text: t('city.compareWith', { a: name, b: other.name }) })))))
        : h('p', { class: 'muted', text: t('city.similarNone') }));
  }

  function documentItem(doc, taxonomy) {
    const title = localized(doc.title, lang, { fallback: true }) || doc.id;
    return h('li', { class: 'doc-list__item' },
      h('a', { class: 'doc-list__title', href: documentUrl(doc.id, lang), text: title }),
      doc.themes && doc.themes.length
        ? h('p', { class: 'doc-list__themes', text: doc.themes.map((s) => labelOf(taxonomy && taxonomy.themes, s, lang)).join(' · ') })
        : null);
  }

  function personItem(person) {
    return h('li', { class: 'person-card' },
      h('span', { class: 'person-card__avatar', 'aria-hidden': 'true', text: initials(person.name) }),
      h('div', {},
        h('p', { class: 'person__name', text: person.name }),
        localized(person.title, lang) ? h('p', { class: 'person__title', text: localized(person.title, lang) }) : null,
        person.organisation ? h('p', { class: 'person__org', text: person.organisation }) : null,
        (person.roles || []).length
          ? h('ul', { class: 'person-card__roles' }, person.roles.map((role) => h('li', {},
            h('a', { href: documentUrl(role.id, lang), text: localized(role.title, lang, { fallback: true }) || role.id }))))
          : null));
  }

  function indicatorItem(indicator) {
    const label = localized(indicator.label, lang, { fallback: true }) || indicator.name;
    const source = indicator.source && typeof indicator.source === 'object' ? indicator.source : null;
    return h('div', { class: 'indicator' },
      h('dt', { class: 'indicator__label', text: label }),
      h('dd', { class: 'indicator__value' },
        indicator.approximate ? h('span', { class: 'indicator__approx', text: `${t('city.approximate')} ` }) : null,
        h('span', { class: 'indicator__number', text: formatValue(indicator.value, indicator.unit) })),
      h('dd', { class: 'indicator__source' },
        indicator.as_of ? h('span', { class: 'indicator__as-of', text: `${asOfText(indicator.as_of)}. ` }) : null,
        source ? [`${t('hit.source')} `, sourceRef(source, { lang })] : null,
        indicator.document ? [source ? ' · ' : null, h('a', { href: documentUrl(indicator.document, lang), text: t('city.seeDocument') })] : null));
  }

  function backLink() {
    return h('nav', { class: 'breadcrumb', 'aria-label': t('doc.toSearch') },
      h('a', { href: searchUrl({}, lang) }, icon('arrowLeft'), h('span', { text: t('doc.toSearch') })));
  }

  return { el, destroy: () => controller.abort() };
}

// [{kind, label, documents}] in the taxonomy's order of kinds. The API may
// group documents as an object {kind: [...]} or a list [{kind, documents}].
function documentGroups(documents, taxonomy, lang) {
  let groups = [];
  if (Array.isArray(documents)) groups = documents.map((g) => ({ kind: g.kind, documents: g.documents || [] }));
  else if (documents && typeof documents === 'object') {
    groups = Object.entries(documents).map(([kind, list]) => ({ kind, documents: list || [] }));
  }
  const order = taxonomy ? [...taxonomy.kinds.keys()] : [];
  const rank = (kind) => (order.includes(kind) ? order.indexOf(kind) : order.length);
  return groups
    .filter((g) => g.documents.length)
    .sort((a, b) => rank(a.kind) - rank(b.kind))
    .map((g) => ({ ...g, label: labelOf(taxonomy && taxonomy.kinds, g.kind, lang) }));
}

function initials(name = '') {
  return name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0].toUpperCase()).join('');
}
