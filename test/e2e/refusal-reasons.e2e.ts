import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import type { ApiErrorBody, EveningDetail } from '@buurtjury/shared';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';

/**
 * The refusals of the setup, the results and the expected attendance speak the one error
 * vocabulary: each carries a reason with its params, which the interface renders in the
 * person's language from its locale files (as svelte-i18n does, with intl-messageformat); the
 * English message is the same sentence.
 */
type Messages = { [key: string]: string | Messages };
const locales = Object.fromEntries(
  (['nl', 'en'] as const).map((lang) => [lang, JSON.parse(readFileSync(path.join(__dirname, '../../frontend/src/locales', `${lang}.json`), 'utf8')) as Messages]),
) as Record<'nl' | 'en', Messages>;

/** The refusal as the interface shows it in `lang`. */
function shown(body: ApiErrorBody, lang: 'nl' | 'en'): string {
  let node: string | Messages | undefined = locales[lang].errors;
  for (const part of body.reason!.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`errors.${body.reason} is missing in ${lang}.json`);
  return String(new IntlMessageFormat(node, lang).format(body.params ?? {}));
}

let running: RunningApp;
let host: Organiser;
let evening: EveningDetail;
const ev = (p = '') => `/api/evenings/${evening.id}${p}`;

beforeAll(async () => {
  running = await startApp();
  host = await organiser(running.url, 'Host');
  evening = await completeEvening(host);
});

afterAll(async () => {
  await running.close();
});

it('refuses the expected attendance before the freeze, and a running order missing a bidder, with a reason in both languages', async () => {
  const early = (await host.put(ev('/expected-attendance'), { expected: 40 }).expect(409)).body as ApiErrorBody;
  expect(early).toMatchObject({ code: 'EVENING_NOT_OPEN', reason: 'joinWatch.freezeFirst', message: 'Freeze the setup first.' });
  expect(shown(early, 'nl')).toBe('Zet eerst de opzet vast.');
  expect(shown(early, 'en')).toBe(early.message);

  const order = (await host.put(ev('/running-order'), { bidderIds: [evening.bidders[0]!.id] }).expect(400)).body as ApiErrorBody;
  expect(order).toMatchObject({ code: 'ORDER_INVALID', reason: 'setup.orderEveryBidder', params: { count: 3 } });
  expect(shown(order, 'nl')).toBe('Noem elke inschrijver van deze avond precies één keer (3 in totaal).');
  expect(shown(order, 'en')).toBe('Give every bidder of this evening exactly once (3 in all).');
  expect(order.message).toBe(shown(order, 'en'));
});

it('refuses changes to a frozen setup, a second freeze, deleting it and its results before the end, each with its reason', async () => {
  await host.post(ev('/freeze')).expect(200);
  const cases: [Promise<{ body: ApiErrorBody }>, string, string, string][] = [
    [
      host.patch(ev(`/bidders/${evening.bidders[0]!.id}`), { pitchMinutes: 15 }).expect(409),
      'setup.frozen',
      'De opzet van deze avond is vastgezet: inschrijvers, volgorde, criteria, gewichten, schaal en aanbesteding kunnen niet meer veranderen.',
      'The setup of this evening is frozen: bidders, running order, criteria, weights, scale and tender can no longer change.',
    ],
    [host.post(ev('/freeze')).expect(409), 'setup.alreadyFrozen', 'Deze avond is al vastgezet.', 'This evening is already frozen.'],
    [host.del(ev()).expect(409), 'setup.frozenNotDeleted', 'Een vastgezette avond kan niet worden verwijderd: hij hoort bij het verslag.', 'A frozen evening cannot be deleted; it is part of the record.'],
    [host.get(ev('/results')).expect(409), 'results.notEnded', 'De uitslag is er zodra de avond is beëindigd.', 'The results are available once the host has ended the evening.'],
  ];
  for (const [response, reason, nl, en] of cases) {
    const body = (await response).body;
    expect(body.reason).toBe(reason);
    expect(shown(body, 'nl')).toBe(nl);
    expect(shown(body, 'en')).toBe(en);
    expect(body.message).toBe(en);
  }
});
