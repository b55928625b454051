import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { numericScale, type EveningDetail } from '@buurtjury/shared';
import { AttendeeEntity } from '../../backend/src/infrastructure/database/schema/attendees';
import { BallotEntity } from '../../backend/src/infrastructure/database/schema/ballots';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { artifactDir, launchBrowser, seriousA11yViolations } from '../support/browser';
import { liveBench } from '../support/live-bench';
import { call, connect, ok } from '../support/sockets';

/**
 * "Copy evening": an evening that ran (phones joined, ballots cast) is copied in the organiser's
 * editor as the start of a new one. The new draft has the criteria, scale, rules and tender, and
 * the bidders when asked, but no attendees, ballots or results. Screenshots at 360×740 and 1280×800
 * go to test/artifacts/copy-evening.
 */
let running: RunningApp;
let browser: Browser;
let host: Organiser;
let source: EveningDetail;
const shots = artifactDir('copy-evening');
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true, animations: 'disabled' });

const bench = liveBench(() => running.url, () => host);

beforeAll(async () => {
  running = await startApp();
  browser = await launchBrowser();
  host = await organiser(running.url, 'Host');
  // The source evening: its own scale, rules and tender (not the defaults), frozen and run: two phones scored the first pitch.
  const draft = await completeEvening(host, 'Idols-avond voorjaar 2026');
  await host.put(`/api/evenings/${draft.id}/scale`, { kind: 'numeric', levels: numericScale(1, 10).levels }).expect(200);
  await host.patch(`/api/evenings/${draft.id}`, { rules: { presenceGraceMinutes: 12 }, tender: { subject: 'Coördinatie van het wijkprogramma' } }).expect(200);
  const live = (await host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
  const hostSocket = bench.track(await connect(running.url, { role: 'host', eveningId: live.id, token: host.session.token }));
  await bench.command(hostSocket, { type: 'next-pitch' });
  await bench.command(hostSocket, { type: 'open-scoring', bidderId: live.bidders[0]!.id });
  for (const grade of [7, 9]) {
    const phone = await bench.attendee(live);
    ok(await call(phone, 'ballot:submit', bench.ballot(live, 0, grade)));
  }
  source = (await host.get(`/api/evenings/${live.id}`).expect(200)).body as EveningDetail;
  expect(source.scale.levels).toHaveLength(10);
  expect(source.rules.presenceGraceMinutes).toBe(12);
}, 60_000);
afterAll(async () => {
  bench.closeAll();
  await browser?.close();
  await running?.close();
});

async function copyIn(viewport: { width: number; height: number }, title: string, withBidders: boolean): Promise<{ page: Page; copy: EveningDetail }> {
  const context = await browser.newContext({ viewport, locale: 'nl-NL' });
  await context.addInitScript((t) => localStorage.setItem('buurtjury.token', t), host.session.token);
  const page = await context.newPage();
  page.setDefaultTimeout(8_000);
  await page.goto(`${running.url}/evenings/${source.id}`);
  const card = page.getByTestId('copy-evening');
  const tag = `${viewport.width}x${viewport.height}`;
  await card.screenshot({ path: path.join(shots, `${tag}-00-copy-closed.png`), animations: 'disabled' });
  // Closed, the card says it opens (a marker), and opening it shows the form.
  expect(await card.locator('summary').evaluate((el) => getComputedStyle(el, '::before').content)).toBe('"▸"');
  await card.locator('summary').click();
  await card.getByLabel('Titel van de nieuwe avond').fill(title);
  if (withBidders) await card.getByRole('checkbox').check();
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: path.join(shots, `${tag}-01-copy-form.png`), animations: 'disabled' });
  expect(await seriousA11yViolations(page)).toEqual([]);
  await card.getByRole('button', { name: 'Nieuwe avond maken' }).click();
  await page.waitForURL((url) => /\/evenings\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(source.id));
  const copyId = page.url().split('/').pop()!;
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await page.screenshot({ path: path.join(shots, `${tag}-02-new-draft.png`), animations: 'disabled' });
  await shot(page, `${tag}-03-new-draft-whole`);
  expect(await seriousA11yViolations(page)).toEqual([]);
  const copy = (await host.get(`/api/evenings/${copyId}`).expect(200)).body as EveningDetail;
  return { page, copy };
}

async function expectNothingOfTheEvening(eveningId: string): Promise<void> {
  const db = running.app.get(DataSource);
  expect(await db.manager.countBy(AttendeeEntity, { eveningId })).toBe(0);
  expect(await db.manager.countBy(BallotEntity, { eveningId })).toBe(0);
  // The source did have them: the copy did not take them.
  expect(await db.manager.countBy(BallotEntity, { eveningId: source.id })).toBe(2);
}

const criteriaOf = (e: EveningDetail) => e.criteria.map((c) => ({ name: c.name, weight: c.weight, explanation: c.explanation, levelDescriptors: c.levelDescriptors }));

it('copies a run evening on a laptop, with its bidders: criteria, scale, rules and tender; no attendees, ballots or results', async () => {
  const { page, copy } = await copyIn({ width: 1280, height: 800 }, 'Idols-avond najaar', true);
  expect(copy.id).not.toBe(source.id);
  expect(copy.title).toBe('Idols-avond najaar');
  expect(copy.frozenAt).toBeNull();
  expect(criteriaOf(copy)).toEqual(criteriaOf(source));
  expect(copy.scale).toEqual(source.scale);
  expect(copy.rules).toEqual(source.rules);
  expect(copy.tender).toEqual(source.tender);
  expect(copy.bidders.map((b) => b.name)).toEqual(source.bidders.map((b) => b.name));
  await expectNothingOfTheEvening(copy.id);
  // The editor shows the copied criteria and bidders, and the evening is a draft again (it can be frozen later).
  await page.locator('#criteria').getByText(source.criteria[0]!.name).first().waitFor();
  await page.locator('#bidders').getByText(source.bidders[0]!.name).first().waitFor();
  await page.context().close();
});

it('copies on a phone-sized screen without the bidders', async () => {
  const { page, copy } = await copyIn({ width: 360, height: 740 }, 'Idols-avond voorjaar', false);
  expect(copy.bidders).toEqual([]);
  expect(criteriaOf(copy)).toEqual(criteriaOf(source));
  expect(copy.scale).toEqual(source.scale);
  expect(copy.tender).toEqual(source.tender);
  await expectNothingOfTheEvening(copy.id);
  // Nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.context().close();
});
