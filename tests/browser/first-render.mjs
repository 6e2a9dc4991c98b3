// Measures one first render of the home page in a fresh browser context
// (empty cache): the time from the start of the navigation to the page
// title (the h1) painted and to the first results painted, the first
// contentful paint, and the requests made. Used by first-render.test.mjs and
// by the A/B comparison first-render-ab.mjs.
import { openPage } from './harness.mjs';

// Runs in the page before any of its scripts: notes when the title and the
// first results are in the document, then waits two animation frames (the
// frame that paints them) before taking the time.
export function watchFirstRender() {
  const marks = {};
  window.__firstRender = marks;
  const painted = (name) => {
    marks[name] = -1;
    requestAnimationFrame(() => requestAnimationFrame(() => { marks[name] = performance.now(); }));
  };
  const visible = (el) => el && el.textContent.trim() !== '' && el.getBoundingClientRect().height > 0;
  const check = () => {
    if (marks.title === undefined && visible(document.querySelector('main h1'))) painted('title');
    if (marks.results === undefined && visible(document.querySelector('.results:not([aria-busy]) .results__list .hit'))) painted('results');
    if (marks.title !== undefined && marks.results !== undefined) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// One run: a fresh context, the home page, its figures. Fails on any page error.
export async function measureFirstRender(browser, base, path = '/') {
  const p = await openPage(browser, base);
  const { page, context } = p;
  await context.addInitScript(watchFirstRender);
  const requests = [];
  page.on('request', (request) => requests.push({ url: new URL(request.url()).pathname, type: request.resourceType() }));
  await page.goto(path);
  await page.waitForFunction(() => window.__firstRender.title > 0 && window.__firstRender.results > 0, null, { timeout: 30000 });
  const marks = await page.evaluate(() => ({
    ...window.__firstRender,
    firstContentfulPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
  }));
  await page.waitForLoadState('networkidle');
  p.expectNoErrors();
  await p.close();
  return {
    title_ms: Math.round(marks.title),
    results_ms: Math.round(marks.results),
    first_contentful_paint_ms: marks.firstContentfulPaint === null ? null : Math.round(marks.firstContentfulPaint),
    requests: requests.length,
    scripts: requests.filter((r) => r.type === 'script').map((r) => r.url),
    stylesheets: requests.filter((r) => r.type === 'stylesheet').length,
  };
}
