import 'reflect-metadata';
import { isUuid, normaliseJoinCode, type VerificationReport } from '@buurtjury/shared';
import { AuditService } from '../verification/audit.service';
import { ConfigError, loadConfig } from '../platform/config/config';
import { databaseOptions, describeTarget, openDataSource, postgresProblem } from '../infrastructure/database/data-source';
import { EveningEntity } from '../infrastructure/database/schema/evenings';

/**
 * `npm run verify -- <evening id or join code>`: recomputes the evening's audit chain and its
 * tallies from the stored ballots in the database the server uses (DATABASE_URL or DATABASE_PATH), prints every
 * check and the first entry that does not match. Exit code 0 when everything matches, 1 when
 * something does not, 2 when the evening or the database cannot be read.
 */
export function formatReport(evening: { title: string; joinCode: string }, report: VerificationReport): string {
  const lines = [`Buurtjury verification of "${evening.title}" (${evening.joinCode}), evening ${report.eveningId}`];
  for (const c of report.checks) lines.push(`  ${c.ok ? 'OK  ' : 'FAIL'} ${c.name}: ${c.detail}`);
  lines.push(`Entries: ${report.entries}; head of the chain: ${report.head ?? '(empty)'}`);
  lines.push(
    report.firstMismatch
      ? `NOT OK. First entry that does not match: ${report.firstMismatch.sequence > 0 ? `#${report.firstMismatch.sequence} (${report.firstMismatch.type})` : report.firstMismatch.type}: ${report.firstMismatch.problem}`
      : 'OK: the chain and the tallies match the stored ballots.',
  );
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const wanted = argv[0];
  if (!wanted || argv.length > 1) {
    process.stderr.write('Usage: npm run verify -- <evening id or join code>\n');
    return 2;
  }
  const config = loadConfig();
  const problem = config.databaseUrl ? await postgresProblem(config.databaseUrl) : null;
  if (problem) {
    process.stderr.write(`${problem}\n`);
    return 2;
  }
  const where = config.databaseUrl ? `PostgreSQL at ${describeTarget(config.databaseUrl)}` : config.databasePath;
  const dataSource = await openDataSource({ ...databaseOptions(config), logging: ['error'] });
  try {
    const key = isUuid(wanted) ? { id: wanted } : { joinCode: normaliseJoinCode(wanted) };
    const evening = await dataSource.manager.findOneBy(EveningEntity, key);
    if (!evening) {
      process.stderr.write(`No evening "${wanted}" in ${where}. Give the evening's id or its join code.\n`);
      return 2;
    }
    const report = await AuditService.standalone(dataSource).verifyEvening(evening.id);
    process.stdout.write(`${formatReport(evening, report)}\n`);
    return report.ok ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}\n`);
      process.exit(2);
    },
  );
}
