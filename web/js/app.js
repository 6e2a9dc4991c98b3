// Entry point: builds the shell (header, footer) and starts the router.
import { startRouter } from './router.js';
import { NOT_FOUND, ROUTES } from './routes.js';
import { createShell } from './components/header.js';

const shell = createShell({
  header: document.getElementById('site-header'),
  footer: document.getElementById('site-footer'),
  routes: ROUTES,
});

startRouter({
  routes: ROUTES,
  notFound: NOT_FOUND,
  main: document.getElementById('main'),
  onRender: (ctx) => shell.update(ctx),
});
