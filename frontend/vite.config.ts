import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { parse } from '@formatjs/icu-messageformat-parser';
import { inlineParsed, onlyParts, parsedMessages, phoneMessages, QUESTION_PARTS } from './src/lib/message-parts';
import { paletteCss } from '../shared/src/style/palette';

const here = path.dirname(fileURLToPath(import.meta.url));
const backend = `http://localhost:${process.env.BACKEND_PORT ?? 3000}`;

/** What a build makes: the app (index.html, every page) or the phone's own page (phone/index.html, /j/CODE). */
export type Target = 'app' | 'phone';

/**
 * A locale file imported as `../locales/nl.json?all` (every message), `?phone` (the namespaces
 * the phone needs, see lib/message-parts.ts) or `?questions` (the phone's question chunk): the messages as `default`, and as `parsed` the ICU
 * parse of each message that has arguments, so the browser needs no parser (lib/parsed-messages.ts).
 * For the phone's own page the parse takes the message's place in `default` (lib/phone-i18n.ts
 * formats it), so a message with arguments is not sent twice.
 */
function localeMessagesPlugin(target: Target): Plugin {
  return {
    name: 'buurtjury-locale-messages',
    enforce: 'pre',
    load(id) {
      const [file, query] = id.split('?');
      if ((query !== 'phone' && query !== 'all' && query !== 'questions') || !file?.endsWith('.json')) return null;
      this.addWatchFile(file);
      const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      const messages = query === 'phone' ? phoneMessages(all) : query === 'questions' ? onlyParts(all, QUESTION_PARTS) : all;
      const json = (value: unknown) => `JSON.parse(${JSON.stringify(JSON.stringify(value))})`;
      const parsed = parsedMessages(messages, parse);
      if (target === 'phone') return `export default ${json(inlineParsed(messages, new Map(parsed)))};\nexport const parsed = [];\n`;
      return `export default ${json(messages)};\nexport const parsed = ${json(parsed)};\n`;
    },
  };
}

/**
 * `virtual:palette.css`: the one palette (shared/src/style/palette.ts) as CSS custom properties on
 * :root (`--accent`, `--doc-ink` …), the same colours the PDF and DOCX renderers use.
 */
function palettePlugin(): Plugin {
  const id = 'virtual:palette.css';
  const resolved = `\0${id}`;
  return {
    name: 'buurtjury-palette',
    resolveId: (source) => (source === id ? resolved : null),
    load: (loading) => (loading === resolved ? paletteCss() : null),
  };
}

/**
 * The app (`vite build`) or the phone's own page (`vite build --config vite.phone.config.ts`, run
 * after it into the same dist). The phone's page is a separate build so that it holds only what
 * /j/CODE uses: its frame (PhoneApp.svelte) instead of the router's table of every page, only the
 * Svelte runtime the phone's components use, and a small formatter of the build's parsed messages
 * (lib/phone-i18n.ts) in place of svelte-i18n and intl-messageformat.
 */
export function appConfig(target: Target): UserConfig {
  return {
  plugins: [palettePlugin(), localeMessagesPlugin(target), svelte()],
  resolve: {
    alias: [
      ...(target === 'phone' ? [{ find: /^svelte-i18n$/, replacement: path.resolve(here, 'src/lib/phone-i18n.ts') }] : []),
      // The dev server cannot serve the CommonJS build of the shared package, so use its sources.
      { find: '@buurtjury/shared', replacement: path.resolve(here, '../shared/src/index.ts') },
      // Messages arrive parsed by the build: the browser gets a lookup instead of formatjs's parser.
      { find: /^@formatjs\/icu-messageformat-parser$/, replacement: path.resolve(here, 'src/lib/parsed-messages.ts') },
    ],
  },
  build: {
    outDir: 'dist',
    // The phone's build comes second and keeps the app's files.
    emptyOutDir: target === 'app',
    // Lists each chunk with its imports, so scripts/bundle-size.js can add up what a page downloads.
    manifest: target === 'app' ? true : '.vite/phone-manifest.json',
    ...(target === 'phone' ? { rolldownOptions: { input: { phone: path.resolve(here, 'phone/index.html') } } } : {}),
    // Every browser the app supports preloads modules itself.
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: true },
      // Host stays the dev server's, so the backend sees the socket's Origin as same-origin.
      '/socket.io': { target: backend, ws: true },
    },
  },
  };
}

export default defineConfig(appConfig('app'));
