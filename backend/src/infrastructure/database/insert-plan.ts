import { DateUtils } from 'typeorm/util/DateUtils';

/**
 * How a multi-row INSERT with literal values is written for one sqlite table, as plain data: the
 * statement's head and, per column, which property it reads and how its value becomes a literal.
 * Made from TypeORM's metadata on the main thread (`insertSql`'s compiled form), it can cross to a
 * worker thread, which writes the same text (BallotScriptThread). No TypeORM metadata here, no Nest.
 */
export interface InsertPlan {
  /** `INSERT INTO "table" ("a", "b", …) VALUES ` */
  head: string;
  columns: readonly { property: string; kind: LiteralKind }[];
}

/**
 * sqlite's driver (`preparePersistentValue`): a plain text or number column's value is stored as
 * it is; a `datetime` (or Date) column as `mixedDateToUtcDatetimeString`; a `simple-json` column as
 * `simpleJsonToString`.
 */
export type LiteralKind = 'as-is' | 'datetime' | 'simple-json';

/**
 * A value as an SQL literal, for a statement that runs without bound parameters (see
 * `insertSql`): NULL, a finite number, 1/0 for a boolean, a text in single quotes with each quote
 * doubled (sqlite's and PostgreSQL's only escape in a standard string literal), or, when the text
 * holds a NUL character, its UTF-8 bytes as a hex blob cast to text. Anything else is refused.
 */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`No SQL literal for the number ${value}`);
      return String(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? '1' : '0';
    case 'string':
      return value.includes('\0') ? `CAST(X'${Buffer.from(value, 'utf8').toString('hex')}' AS TEXT)` : `'${value.replaceAll("'", "''")}'`;
    default:
      if (Buffer.isBuffer(value)) return `X'${value.toString('hex')}'`;
      throw new Error(`No SQL literal for a value of type ${typeof value}`);
  }
}

/** One column's value of a row as its literal, the way sqlite's driver would store it. */
export function literalOf(kind: LiteralKind, property: string): (row: Record<string, unknown>) => string {
  switch (kind) {
    case 'as-is':
      return (row) => sqlLiteral(row[property]);
    case 'simple-json':
      return (row) => {
        const value = row[property];
        return sqlLiteral(value === null || value === undefined ? value : DateUtils.simpleJsonToString(value));
      };
    case 'datetime': {
      // Rows of one batch often share the moment (an audit trail's entries: all of them): converted once.
      let lastTime = NaN;
      let lastLiteral = '';
      return (row) => {
        const value = row[property];
        if (value === null || value === undefined) return 'NULL';
        const time = timeOf(value);
        if (Number.isNaN(time)) return sqlLiteral(DateUtils.mixedDateToUtcDatetimeString(value as Date | string));
        if (time !== lastTime) {
          lastLiteral = sqlLiteral(DateUtils.mixedDateToUtcDatetimeString(new Date(time)));
          lastTime = time;
        }
        return lastLiteral;
      };
    }
  }
}

/**
 * A Date's time, also for a Date made in another realm (a structured clone's, say), which
 * `instanceof Date` does not recognise; NaN for anything else (or an invalid Date).
 */
function timeOf(value: unknown): number {
  return value instanceof Date || Object.prototype.toString.call(value) === '[object Date]' ? (value as Date).getTime() : NaN;
}

/** The multi-row INSERT of `rows` by `plan` (as `insertSql` writes it for that table). */
export function plannedInsertSql(plan: InsertPlan, rows: readonly Record<string, unknown>[], onConflict: 'ignore' | 'fail' = 'ignore'): string {
  if (rows.length === 0) return '';
  const literals = plan.columns.map((c) => literalOf(c.kind, c.property));
  return rowsSql(plan.head, literals, rows, onConflict);
}

/** The head, then each row's literals in parentheses. */
export function rowsSql(head: string, literals: readonly ((row: Record<string, unknown>) => string)[], rows: readonly Record<string, unknown>[], onConflict: 'ignore' | 'fail'): string {
  const tuples = new Array<string>(rows.length);
  const last = literals.length - 1;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    let tuple = '(';
    for (let c = 0; c < last; c++) tuple += `${literals[c]!(row)}, `;
    tuples[r] = `${tuple}${literals[last]!(row)})`;
  }
  return `${head}${tuples.join(', ')}${onConflict === 'ignore' ? ' ON CONFLICT DO NOTHING' : ''}`;
}
