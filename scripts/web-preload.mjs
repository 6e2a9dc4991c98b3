#!/usr/bin/env node
// The <link rel="modulepreload"> lines of web/index.html: every module that
// the home page needs (web/js/app.js, the home route's view and everything
// they import statically), so that the browser asks for all of them at once
// instead of discovering them one import level at a time.
//
//   node scripts/web-preload.mjs           prints the lines
//   node scripts/web-preload.mjs --check   exits 1 when index.html differs
//   node scripts/web-preload.mjs --write   rewrites them in index.html
//
// The lines sit between the <!-- modulepreload --> and
// <!-- /modulepreload --> comments of index.html.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WEB = join(ROOT, 'web');
const INDEX = join(WEB, 'index.html');
// The entry point, and the view of the home page (routes.js loads it lazily).
const ENTRIES = ['js/app.js', 'js/views/search.js'];

// The modules `file` imports statically (import … from, export … from, bare import).
function staticImports(file) {
  const source = readFileSync(file, 'utf8');
  const specifiers = [];
  const pattern = /^\s*(?:import|export)\s+(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
  for (const match of source.matchAll(pattern)) specifiers.push(match[1]);
  return specifiers.filter((s) => s.startsWith('.')).map((s) => resolve(dirname(file), s));
}

// Every module the entries need, in the order a depth-first walk meets them.
export function homeModules() {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const dep of staticImports(file)) visit(dep);
  };
  for (const entry of ENTRIES) visit(join(WEB, entry));
  return [...seen].map((file) => `/${relative(WEB, file).split('\\').join('/')}`);
}

// The preload lines (app.js itself is the page's script, not preloaded).
export function preloadLines() {
  return homeModules().filter((path) => path !== '/js/app.js')
    .map((path) => `  <link rel="modulepreload" href="${path}">`);
}

const BLOCK = /(<!-- modulepreload[^>]*-->\n)([\s\S]*?)([ \t]*<!-- \/modulepreload -->)/;

// The preload lines index.html holds now.
export function currentLines() {
  const match = BLOCK.exec(readFileSync(INDEX, 'utf8'));
  if (!match) throw new Error('web/index.html has no <!-- modulepreload --> block');
  return match[2].split('\n').filter((line) => line.trim());
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const mode = process.argv[2] || '';
  const lines = preloadLines();
  if (mode === '--write') {
    const html = readFileSync(INDEX, 'utf8');
    if (!BLOCK.test(html)) throw new Error('web/index.html has no <!-- modulepreload --> block');
    writeFileSync(INDEX, html.replace(BLOCK, (_, open, _old, close) => `${open}${lines.join('\n')}\n${close}`));
    console.log(`web/index.html: ${lines.length} modules preloaded`);
  } else if (mode === '--check') {
    const current = currentLines();
    if (current.join('\n') !== lines.join('\n')) {
      console.error('web/index.html preloads other modules than the home page imports; run node scripts/web-preload.mjs --write');
      process.exit(1);
    }
  } else {
    console.log(lines.join('\n'));
  }
}
