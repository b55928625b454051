#!/usr/bin/env node
/**
 * What a page downloads on its first load, from the built frontend (`npm run build` first).
 *
 * Reads Vite's manifest (frontend/dist/.vite/manifest.json) and follows, from the entry and from
 * the page's own chunk, every static import and its CSS: exactly the files the browser fetches
 * before the page can show (dynamic imports of other pages are not followed). Sizes are the
 * files' bytes and their gzip size (zlib level 6, what a server sends by default).
 *
 * The phone (/j/CODE) has its own page and build (frontend/vite.phone.config.ts, manifest
 * .vite/phone-manifest.json): its figure follows that page's entry. The app's own phone route
 * (reached by navigating inside the app) is listed with the other pages.
 *
 *   node scripts/bundle-size.js                 the phone (/j/CODE) and every other page
 *   node scripts/bundle-size.js --budget 60     exits 1 when the phone's JS+CSS is over 60 kB gzip
 *   node scripts/bundle-size.js --json          the same figures as JSON
 *   BUNDLE_DIST=/tmp/other-build node scripts/bundle-size.js   another build's figures
 */
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const DIST = process.env.BUNDLE_DIST ?? path.join(__dirname, '..', 'frontend', 'dist');
const ENTRY = 'index.html';
/** The page a phone opens from the QR code (/j/CODE): joining and scoring, built on its own. */
const PHONE_ENTRY = 'phone/index.html';
const PHONE_MANIFEST = 'phone-manifest.json';
/** The phone's page inside the app (a visitor who types the code on the home page). */
const PHONE_PAGE = 'src/pages/live/Phone.svelte';
/** Pages that show with the phone's part of the messages (bundled); the others fetch all Dutch messages first (frontend/src/pages.ts). */
const PHONE_MESSAGE_PAGES = [PHONE_PAGE, 'src/pages/NotFound.svelte'];
const ALL_MESSAGES = 'src/locales/nl.json?all';

function readManifest(dist = DIST, name = 'manifest.json') {
  const file = path.join(dist, '.vite', name);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The files (JS and CSS, relative to dist) that loading `roots` fetches, in a stable order. */
function filesOf(manifest, roots) {
  const files = new Set();
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the manifest`);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  roots.forEach(visit);
  return [...files];
}

function gzipSize(buffer) {
  return zlib.gzipSync(buffer, { level: 6 }).length;
}

/** Sizes of what loading `roots` fetches: per file and in total, raw and gzip. */
function measure(roots, dist = DIST, manifest = readManifest(dist)) {
  const files = filesOf(manifest, roots).map((file) => {
    const body = fs.readFileSync(path.join(dist, file));
    return { file, kind: file.endsWith('.css') ? 'css' : 'js', bytes: body.length, gzip: gzipSize(body) };
  });
  const sum = (key, kind) => files.filter((f) => !kind || f.kind === kind).reduce((total, f) => total + f[key], 0);
  return { roots, files, bytes: sum('bytes'), gzip: sum('gzip'), js: sum('gzip', 'js'), css: sum('gzip', 'css') };
}

/** What a phone that opens /j/CODE downloads before it can score. */
function measurePhone(dist = DIST) {
  return measure([PHONE_ENTRY], dist, readManifest(dist, PHONE_MANIFEST));
}

const kB = (bytes) => (bytes / 1000).toFixed(1);

function main(argv) {
  const json = argv.includes('--json');
  const budgetAt = argv.indexOf('--budget');
  const budget = budgetAt >= 0 ? Number(argv[budgetAt + 1]) : null;
  const manifest = readManifest();
  const phone = measurePhone(DIST);
  const pages = Object.entries(manifest)
    .filter(([, chunk]) => chunk.isDynamicEntry && chunk.src?.startsWith('src/pages/'))
    .map(([key]) => ({ page: key, ...measure(PHONE_MESSAGE_PAGES.includes(key) ? [ENTRY, key] : [ENTRY, key, ALL_MESSAGES], DIST, manifest) }))
    .sort((a, b) => a.gzip - b.gzip);
  if (json) {
    console.log(JSON.stringify({ phone, pages }, null, 2));
  } else {
    console.log(`The phone (/j/CODE) on its first load: ${kB(phone.gzip)} kB gzip (JS ${kB(phone.js)} + CSS ${kB(phone.css)}), ${kB(phone.bytes)} kB as files`);
    for (const f of [...phone.files].sort((a, b) => b.gzip - a.gzip)) console.log(`  ${kB(f.gzip).padStart(6)} kB gzip ${kB(f.bytes).padStart(7)} kB  ${f.file}`);
    console.log('\nEvery page of the app on its first load, with its messages (kB gzip, JS+CSS):');
    for (const p of pages) console.log(`  ${kB(p.gzip).padStart(6)}  ${p.page.replace('src/pages/', '')}`);
  }
  if (budget !== null && phone.gzip > budget * 1000) {
    console.error(`The phone downloads ${kB(phone.gzip)} kB gzip, over the budget of ${budget} kB.`);
    return 1;
  }
  return 0;
}

module.exports = { measure, measurePhone, filesOf, readManifest, gzipSize, ENTRY, PHONE_ENTRY, PHONE_PAGE, DIST };

if (require.main === module) process.exitCode = main(process.argv.slice(2));
