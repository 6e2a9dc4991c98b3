// Loading one record page (a person, a source): a loading state, the data
// and the taxonomy fetched together, the not-found view on 404, an error with
// a retry otherwise, then ctx.pageReady(). The view renders the data.
import { isAbort } from '../api.js';
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { loadTaxonomy } from '../taxonomy.js';
import { errorBlock, loadingBlock } from './states.js';
import createNotFoundView from '../views/not-found.js';

// fetch(signal) -> data; render(data, taxonomy); backLink() -> element.
export function loadRecordPage(ctx, el, { fetch, render, backLink, signal }) {
  async function load() {
    replace(el, backLink(), h('h1', { class: 'visually-hidden', text: t('state.loading') }), loadingBlock(2));
    ctx.setTitle(t('state.loading'));
    try {
      const [data, taxonomy] = await Promise.all([fetch(signal), loadTaxonomy().catch(() => null)]);
      render(data, taxonomy);
    } catch (error) {
      if (isAbort(error)) return;
      if (error.status === 404) replace(el, createNotFoundView(ctx).el);
      else {
        ctx.setTitle(t('error.title'));
        replace(el, backLink(), h('h1', { text: t('error.title') }), errorBlock(error, { onRetry: load }));
      }
    }
    ctx.pageReady();
  }
  load();
}
