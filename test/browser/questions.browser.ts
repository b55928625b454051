import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { CreatedInvitationResponse } from '@buurtjury/shared';
import { organiser, type Organiser } from '../support/api';
import { artifactDir } from '../support/browser';
import { liveStage, PHONE, type Device } from '../support/live-stage';
import { call, ok, phone } from '../support/sockets';

/**
 * A question round in real browsers: two phones (360×740) ask the bidder on stage, a moderator
 * (1280×800, a moderator's account) approves one, hides one and merges a third into the first,
 * a phone votes, the big screen (1280×800) shows the top approved question, and the moderator marks
 * it answered. Every page passes axe with no serious or critical violations. Screenshots go to
 * test/artifacts/questions.
 */

const shots = artifactDir('questions');
const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage, animations: 'disabled' });
async function shotAt(target: Locator, name: string): Promise<void> {
  await target.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot(target.page(), name, false);
}

const stage = liveStage({ title: 'Vragenronde wijkprogramma' });
const { device, expectAccessible } = stage;

let phoneA: Device;
let phoneB: Device;
let moderatorDevice: Device;
let screen: Device;
let moderator: Organiser;

const RIA = 'Hoe betrekt u jongeren bij het wijkprogramma?';
const SAM = 'Wat kost dit per jaar?';
const LIKE_RIA = 'Hoe bereikt u de jongeren in de wijk?';

async function noHorizontalScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

const item = (page: Page, text: string): Locator => page.getByTestId('moderation-item').filter({ has: page.getByTestId('moderation-text').getByText(text, { exact: true }) });

describe('a question round with two phones, a moderator and the screen', () => {
  beforeAll(async () => {
    const invite = (await stage.host.post('/api/network/invitations', { email: 'moderator@example.nl', role: 'moderator' }).expect(201)).body as CreatedInvitationResponse;
    moderator = await organiser(stage.running.url, 'Mo', { email: 'moderator@example.nl', inviteToken: invite.inviteUrl.split('/').pop()!, networkName: undefined as unknown as string });
  }, 120_000);

  it('shows the phones a question form once a pitch is on stage, in its Q&A minutes or when the host allows it during the pitch', async () => {
    const { running, evening, serverHost } = stage;
    phoneA = await device(PHONE);
    phoneB = await device(PHONE);
    for (const p of [phoneA.page, phoneB.page]) {
      await p.goto(`${running.publicUrl}/j/${evening.joinCode}`);
      await p.getByRole('button', { name: 'Ik heb geen band' }).click();
      await p.getByTestId('ties').waitFor({ state: 'detached' });
    }
    // Before a pitch is on stage there is no question form.
    expect(await phoneA.page.getByTestId('phone-questions').count()).toBe(0);
    ok(await call(serverHost, 'host:command', { type: 'next-pitch' }));
    ok(await call(serverHost, 'host:command', { type: 'set-screen', view: 'pitch' }));
    // The question round loads when a phone asks for it (the phone's first load stays within its budget).
    for (const p of [phoneA.page, phoneB.page]) await p.getByRole('button', { name: 'Vraag stellen of stemmen op vragen' }).click();
    const card = phoneA.page.getByTestId('phone-questions');
    await card.getByRole('heading', { name: `Vragen aan ${evening.bidders[0]!.name}` }).waitFor();
    // The pitch minutes are not over, and the host has not allowed questions during the pitch.
    await card.getByTestId('questions-later').waitFor();

    moderatorDevice = await device({ viewport: { width: 1280, height: 800 } }, moderator.session.token);
    const m = moderatorDevice.page;
    await m.goto(`${running.publicUrl}/evenings/${evening.id}/live`);
    const panel = m.getByTestId('host-questions');
    await panel.getByRole('heading', { name: 'Vragen uit de zaal' }).waitFor();
    await panel.getByText('Nog geen vragen voor deze pitch.').waitFor();
    await panel.getByLabel('Vragen ook tijdens de pitch toestaan').check();
    await card.getByLabel('Je vraag').waitFor();
    await phoneB.page.getByTestId('phone-questions').getByLabel('Je vraag').waitFor();
  }, 120_000);

  it('takes questions from both phones and holds them for the moderator', async () => {
    const a = phoneA.page;
    const cardA = a.getByTestId('phone-questions');
    await cardA.getByLabel('Je vraag').fill(RIA);
    await cardA.getByLabel('Je voornaam (mag leeg)').fill('Ria');
    await cardA.getByRole('button', { name: 'Vraag versturen' }).click();
    await cardA.getByText('Je vraag is ontvangen.').waitFor();
    await cardA.getByTestId('my-questions').getByText('Wacht op de moderator').waitFor();

    const cardB = phoneB.page.getByTestId('phone-questions');
    await cardB.getByLabel('Je vraag').fill(SAM);
    await cardB.getByRole('button', { name: 'Vraag versturen' }).click();
    await cardB.getByTestId('my-questions').getByText('Wacht op de moderator').waitFor();
    // Right away another: the phone is told how long to wait, in its language.
    await cardB.getByLabel('Je vraag').fill('Nog een vraag');
    await cardB.getByRole('button', { name: 'Vraag versturen' }).click();
    await cardB.getByRole('alert').getByText(/^Wacht nog \d+ s voor je een nieuwe vraag stuurt\.$/).waitFor();
    await cardB.getByLabel('Je vraag').fill('');

    // A third phone (a socket of the test's own) asks nearly the same as Ria.
    const third = await phone(stage.running.url, stage.evening.joinCode);
    ok(await call(third.socket, 'question:ask', { questionId: randomUUID(), bidderId: stage.evening.bidders[0]!.id, text: LIKE_RIA }));
    third.socket.close();

    const m = moderatorDevice.page;
    for (const text of [RIA, SAM, LIKE_RIA]) await item(m, text).getByText('Wacht op goedkeuring').waitFor();
    await m.getByTestId('question-counts').getByText('3 wachten').waitFor();
    await shotAt(m.getByTestId('host-questions'), 'moderator-01-pending');
    await expectAccessible(m);
    await shot(a, 'phone-a-01-asked');
    await expectAccessible(a);
    expect(await noHorizontalScroll(a)).toBeLessThanOrEqual(0);
  }, 120_000);

  it('approves, hides and merges; the asker of a hidden question is told; the screen shows the approved one', async () => {
    const m = moderatorDevice.page;
    await item(m, RIA).getByRole('button', { name: 'Goedkeuren' }).click();
    await item(m, RIA).getByTestId('moderation-status').getByText('Op het scherm').waitFor();
    await item(m, SAM).getByRole('button', { name: 'Verbergen' }).click();
    await item(m, SAM).getByTestId('moderation-status').getByText('Verborgen', { exact: true }).waitFor();
    await item(m, LIKE_RIA).getByLabel('Samenvoegen met').selectOption({ label: RIA });
    await item(m, LIKE_RIA).getByRole('button', { name: 'Samenvoegen' }).click();
    await item(m, LIKE_RIA).getByTestId('moderation-status').getByText(`samengevoegd met “${RIA}”`).waitFor();
    await item(m, RIA).getByText('1 vraag samengevoegd').waitFor();

    await phoneA.page.getByTestId('my-question-status').getByText('Op het scherm').waitFor();
    const b = phoneB.page;
    await b.getByTestId('my-question-status').getByText('Verborgen door de moderator: deze vraag wordt niet getoond.').waitFor();

    screen = await device({ viewport: { width: 1280, height: 800 } });
    const s = screen.page;
    await s.goto(`${stage.running.publicUrl}/screen/${stage.evening.joinCode}`);
    const onScreen = s.getByTestId('screen-questions');
    await onScreen.getByText(RIA).waitFor();
    expect(await onScreen.getByText(SAM).count()).toBe(0);
    expect(await onScreen.getByText('Ria').count()).toBe(1);
  }, 120_000);

  it('lets the other phone vote once, shows the votes everywhere, and marks the question answered', async () => {
    const b = phoneB.page;
    const board = b.getByTestId('question-board');
    await board.getByRole('button', { name: `Stem op: ${RIA}` }).click();
    await board.getByRole('button', { name: `Gestemd op: ${RIA}` }).and(b.locator('[aria-pressed="true"]')).waitFor();
    await board.getByText('1 stem').waitFor();
    await shot(b, 'phone-b-01-hidden-and-voted');
    await expectAccessible(b);
    expect(await noHorizontalScroll(b)).toBeLessThanOrEqual(0);
    // Ria cannot vote for her own question.
    await phoneA.page.getByTestId('question-board').getByText('Jouw vraag').waitFor();

    const s = screen.page;
    await s.getByTestId('screen-questions').locator('.q-votes').getByText('1', { exact: true }).waitFor();
    // Five more phones ask, and the moderator (through the test's own socket) approves them: the screen shows the top five.
    for (let i = 1; i <= 5; i++) {
      const p = await phone(stage.running.url, stage.evening.joinCode);
      const text = `Vraag ${i} uit de zaal over het budget, de planning en de samenwerking met de buurt?`;
      const asked = ok(await call(p.socket, 'question:ask', { questionId: randomUUID(), bidderId: stage.evening.bidders[0]!.id, text, firstName: i % 2 ? `Naam${i}` : '' }));
      ok(await call(stage.serverHost, 'question:moderate', { questionId: asked.question.id, action: 'approve' }));
      p.socket.close();
    }
    await s.getByTestId('screen-questions').getByRole('listitem').nth(4).waitFor();
    expect(await s.getByTestId('screen-questions').getByRole('listitem').count()).toBe(5);
    // Everything fits above the join strip at 1280×800.
    const listBottom = await s.getByTestId('screen-questions').evaluate((el) => el.getBoundingClientRect().bottom);
    const stripTop = await s.getByTestId('screen-join-corner').evaluate((el) => el.getBoundingClientRect().top);
    expect(listBottom).toBeLessThanOrEqual(stripTop);
    await shot(s, 'screen-01-questions', false);
    await expectAccessible(s);

    const m = moderatorDevice.page;
    await item(m, RIA).getByRole('button', { name: 'Beantwoord' }).click();
    await item(m, RIA).getByTestId('moderation-status').getByText('Beantwoord').waitFor();
    await phoneA.page.getByTestId('my-question-status').getByText('Beantwoord').waitFor();
    // The screen shows the open questions: the answered one goes.
    await s.getByTestId('screen-questions').getByText(RIA).waitFor({ state: 'detached' });
    await m.getByTestId('question-counts').getByText('0 wachten · 5 getoond · 1 beantwoord · 1 verborgen · 1 samengevoegd').waitFor();
    await shotAt(m.getByTestId('host-questions'), 'moderator-02-answered');
    await shot(phoneA.page, 'phone-a-02-answered');
  }, 120_000);

  it('works for the moderator on a phone-sized screen too', async () => {
    const small = await device(PHONE, moderator.session.token);
    await small.page.goto(`${stage.running.publicUrl}/evenings/${stage.evening.id}/live`);
    const panel = small.page.getByTestId('host-questions');
    await item(small.page, SAM).waitFor();
    await shotAt(panel, 'moderator-03-phone');
    await expectAccessible(small.page);
    expect(await noHorizontalScroll(small.page)).toBeLessThanOrEqual(0);
  }, 120_000);
});
