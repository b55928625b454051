/**
 * Dev tool (not a test): screenshots of the setup's declarations of interest and the incidents
 * panel (host console and advice page), at 360x740 and 1280x800, against a running server.
 *
 *   PORT=4410 DATABASE_PATH=/tmp/procedure-dev.sqlite npm start   # in another shell
 *   TS_NODE_PROJECT=test/tsconfig.json node -r ts-node/register/transpile-only test/dev/procedure-screens.ts http://localhost:4410 /tmp/procedure-shots
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { EveningDetail } from '@buurtjury/shared';
import { launchBrowser } from '../support/browser';
import { completeEvening, organiser } from '../support/api';
import { call, connect, ok } from '../support/sockets';

const [url = 'http://localhost:4410', out = '/tmp/procedure-shots'] = process.argv.slice(2);
const SIZES = { phone: { width: 360, height: 740 }, desktop: { width: 1280, height: 800 } };

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const host = await organiser(url, 'Anna', { email: `anna.${Date.now()}@example.nl` });
  const evening = await completeEvening(host);
  await host
    .put(`/api/evenings/${evening.id}/declarations`, {
      items: [{ who: 'Buurthuis De Linde', role: 'venue', interest: 'Wordt beheerd door Welzijn Eemland, een van de inschrijvers.', measure: 'De beheerder was tijdens de pitches en het stemmen niet in de zaal.' }],
      noneDeclared: ['network'],
    })
    .expect(200);
  const browser = await launchBrowser();
  try {
    for (const [size, viewport] of Object.entries(SIZES)) {
      const context = await browser.newContext({ viewport });
      await context.addInitScript((token) => localStorage.setItem('buurtjury.token', token), host.session.token);
      const page = await context.newPage();
      await page.goto(`${url}/evenings/${evening.id}#declarations`);
      const section = page.locator('#declarations');
      await section.waitFor();
      await section.scrollIntoViewIfNeeded();
      await section.screenshot({ path: path.join(out, `declarations-${size}.png`) });
      await context.close();
    }
    const frozen = (await host.post(`/api/evenings/${evening.id}/freeze`).expect(200)).body as EveningDetail;
    const socket = await connect(url, { role: 'host', eveningId: frozen.id, token: host.session.token });
    ok(await call(socket, 'host:command', { type: 'start-pitch', bidderId: frozen.bidders[0]!.id, closeOpenScoring: true }));
    await host
      .post(`/api/evenings/${frozen.id}/incidents`, {
        at: new Date().toISOString(),
        what: 'De microfoon viel twee minuten uit tijdens de vragen.',
        effect: 'De vragen waren even onverstaanbaar.',
        measure: 'Reservemicrofoon; de inschrijver kreeg twee minuten extra.',
      })
      .expect(201);
    for (const [size, viewport] of Object.entries(SIZES)) {
      const context = await browser.newContext({ viewport });
      await context.addInitScript((token) => localStorage.setItem('buurtjury.token', token), host.session.token);
      const page = await context.newPage();
      await page.goto(`${url}/evenings/${frozen.id}/live`);
      const panel = page.getByTestId('incidents');
      await panel.waitFor();
      await panel.getByTestId('add-incident').click();
      await panel.locator('#incident-what').fill('Verkeerde dia’s getoond bij de start.');
      await panel.scrollIntoViewIfNeeded();
      await panel.screenshot({ path: path.join(out, `incidents-console-${size}.png`) });
      await context.close();
    }
    socket.close();
  } finally {
    await browser.close();
  }
}

main().then(
  () => console.log(`screenshots in ${out}`),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
