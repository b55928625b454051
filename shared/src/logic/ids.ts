const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids of evenings, bidders, criteria and ballots are UUIDs (ballot ids are made on the phone). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
