/**
 * The setup's unsaved input (frontend/src/pages/editor/drafts.svelte.ts), compiled with Svelte's
 * runes as in the browser: each form's input is its own, kept on this computer while it differs
 * from what is saved, back after a "reload" (a new SetupDrafts on the same storage), and gone once
 * saved or discarded. localStorage is an in-memory store that outlives the page.
 */
import { inEffectRoot } from './effect-root.svelte';
import { MemoryStorage } from './memory-storage';

/** Svelte's `flushSync` (runs pending effects now); under Jest the `svelte` entry resolves to its server build, so it is taken from the client runtime. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { flush: flushSync } = require('svelte/internal/client') as { flush: () => void };

const storage = new MemoryStorage();
Object.assign(globalThis, { localStorage: storage });

// Imported after localStorage is in place.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SetupDrafts } = require('../../frontend/src/pages/editor/drafts.svelte') as typeof import('../../frontend/src/pages/editor/drafts.svelte');

/** What the server has: the page's `detail` as far as two sections read it. */
let server = { tender: { name: 'Wijkprogramma', municipality: 'Eemhoven', deadline: null as string | null }, venue: 'Buurthuis' };
const stops: (() => void)[] = [];

/** The editor with two forms, as the page builds it (again after a reload). */
function page() {
  const { value, stop } = inEffectRoot(() => {
    const drafts = new SetupDrafts(() => 'E1');
    const tender = drafts.form('tender', () => ({ ...server.tender }));
    const general = drafts.form('general', () => ({ venue: server.venue }));
    const bidder = drafts.form('bidders.new', () => ({ name: '' }));
    return { drafts, tender, general, bidder };
  });
  stops.push(stop);
  flushSync();
  return value;
}

beforeEach(() => {
  storage.clear();
  server = { tender: { name: 'Wijkprogramma', municipality: 'Eemhoven', deadline: null }, venue: 'Buurthuis' };
});
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

it('starts clean, also when a bound field writes an empty text for a missing value', () => {
  const p = page();
  p.tender.value.deadline = '';
  flushSync();
  expect(p.tender.dirty).toBe(false);
  expect([...p.drafts.sections]).toEqual([]);
  expect(storage.length).toBe(0);
});

it("keeps one form's input when another form is saved, and brings it back after a reload", () => {
  const p = page();
  p.tender.value.name = 'Wijkprogramma 2027';
  p.general.value.venue = 'Grote zaal';
  flushSync();
  expect([...p.drafts.sections].sort()).toEqual(['general', 'tender']);

  // The general section saves: the server has its venue now, the form is reset to it.
  server.venue = 'Grote zaal';
  p.general.reset();
  flushSync();
  expect(p.general.dirty).toBe(false);
  expect(p.tender.value.name).toBe('Wijkprogramma 2027');
  expect([...p.drafts.sections]).toEqual(['tender']);

  // A reload: the page is built again and the tender's input is back, still unsaved.
  for (const stop of stops.splice(0)) stop();
  const again = page();
  expect(again.tender.value).toEqual({ name: 'Wijkprogramma 2027', municipality: 'Eemhoven', deadline: null });
  expect(again.tender.dirty).toBe(true);
  expect(again.general.value.venue).toBe('Grote zaal');
  expect(again.general.dirty).toBe(false);
  expect([...again.drafts.sections]).toEqual(['tender']);
});

it('forgets the input once it is saved or discarded, also when the form closes at once', () => {
  const p = page();
  p.bidder.value.name = 'Buurtteam Oost';
  p.tender.value.municipality = 'Gemeente Eemhoven';
  flushSync();
  expect(p.drafts.keptUnder('bidders')).toEqual(['new']);

  // Discarded, and the page goes before any effect runs again: nothing is kept.
  p.bidder.reset();
  server.tender.municipality = 'Gemeente Eemhoven';
  p.tender.reset();
  for (const stop of stops.splice(0)) stop();
  expect(storage.length).toBe(0);
  const again = page();
  expect(again.bidder.value.name).toBe('');
  expect(again.drafts.dirty).toBe(false);
});

it('forgets the kept input of a form that no longer exists (a deleted bidder)', () => {
  const p = page();
  const edit = inEffectRoot(() => p.drafts.form('bidders.edit.b1', () => ({ name: 'Welzijn' })));
  stops.push(edit.stop);
  edit.value.value.name = 'Welzijn Eemland';
  flushSync();
  expect(p.drafts.keptUnder('bidders')).toEqual(['edit.b1']);
  p.drafts.forget('bidders.edit.b1');
  expect(p.drafts.keptUnder('bidders')).toEqual([]);
});
