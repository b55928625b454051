import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * The layer rule in `npm run lint` (eslint.boundaries.mjs) fails on an import that runs against
 * the backend's layers and on a cycle between feature folders, and lets the right direction pass.
 * Lints made-up files through ESLint's Node API with the project's boundaries config.
 */
const root = path.join(__dirname, '..', '..');

function lint(filePath: string, code: string): string[] {
  const script = `
    import { ESLint } from 'eslint';
    import tseslint from 'typescript-eslint';
    import { boundariesConfig } from './eslint.boundaries.mjs';
    const eslint = new ESLint({ cwd: process.cwd(), overrideConfigFile: true, overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, boundariesConfig] });
    const [result] = await eslint.lintText(process.env.CODE, { filePath: process.env.FILE });
    process.stdout.write(JSON.stringify(result.messages.map((m) => m.ruleId + ': ' + m.message)));
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, env: { ...process.env, CODE: code, FILE: path.join(root, filePath) }, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as string[];
}

describe('the layer rule (eslint-plugin-boundaries) and the table ownership rule (eslint-rules/schema-owner.mjs)', () => {
  it('fails on an import against the layers: a feature reaching up into the socket gateway', () => {
    expect(lint('backend/src/meta/wrong.ts', "import { LiveGateway } from '../gateway/live.gateway';\nexport const g = LiveGateway;\n")).toEqual([
      expect.stringMatching(/^boundaries\/dependencies: .*"meta".*"gateway"/),
    ]);
  });

  it('fails on an import that would close a cycle between two feature folders (evenings already imports accounts)', () => {
    expect(lint('backend/src/accounts/wrong.ts', "import { EveningsQuery } from '../evenings/evenings.query';\nexport const q = EveningsQuery;\n")).toEqual([
      expect.stringMatching(/^boundaries\/dependencies: .*"accounts".*"evenings"/),
    ]);
  });

  it('fails on infrastructure importing a feature', () => {
    expect(lint('backend/src/infrastructure/events/wrong.ts', "import { ResultsService } from '../../results/results.service';\nexport const r = ResultsService;\n")).toEqual([
      expect.stringMatching(/^boundaries\/dependencies: .*"infrastructure".*"results"/),
    ]);
  });

  it('fails on a feature importing an entity of a table another feature owns (it would query that table)', () => {
    expect(lint('backend/src/results/wrong.ts', "import { BallotEntity } from '../infrastructure/database/schema/ballots';\nexport const b = BallotEntity;\n")).toEqual([
      expect.stringMatching(/^buurtjury\/schema-owner: Feature "results" imports BallotEntity from schema\/ballots, which feature "ballots" owns/),
    ]);
    expect(lint('backend/src/live/wrong.ts', "import { EveningEntity } from '../infrastructure/database/schema';\nexport const e = EveningEntity;\n")).toEqual([
      expect.stringMatching(/^buurtjury\/schema-owner: Import schema entities from their own file/),
    ]);
  });

  it('lets a feature import its own entities, and another feature\'s row type only as a type', () => {
    expect(
      lint(
        'backend/src/attendees/right.ts',
        "import { AttendeeEntity } from '../infrastructure/database/schema/attendees';\nimport { JoinWatchEntity } from '../infrastructure/database/schema/join-watch';\nimport type { BallotEntity } from '../infrastructure/database/schema/ballots';\nimport { type TicketEntity } from '../infrastructure/database/schema/tickets';\nexport const all = [AttendeeEntity, JoinWatchEntity];\nexport type Rows = [BallotEntity, TicketEntity];\n",
      ),
    ).toEqual([]);
  });

  it('lets imports down the layers and within a folder pass', () => {
    expect(
      lint(
        'backend/src/gateway/right.ts',
        "import { MetaService } from '../meta/meta.service';\nimport { DomainEvents } from '../infrastructure/events/domain-events';\nimport { LiveNotifier } from './live-notifier.service';\nexport const all = [MetaService, DomainEvents, LiveNotifier];\n",
      ),
    ).toEqual([]);
  });
});
