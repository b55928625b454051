/**
 * How phones joined an evening, for the host console and the advice: joins per minute and per
 * network address, against the attendance the organisers expect, and warnings when that is no
 * longer plausible for the room. Addresses are never shown or stored as such: each is a short code
 * made from the address with a secret that lives only in the server's memory (see
 * backend/src/attendees/join-watch.service.ts), so the same address gives the same code within one
 * evening and nobody can turn a code back into an address.
 *
 * A venue's Wi-Fi gives all its phones one address, so many joins from one address are normal. A
 * room of people does not, however, join ten phones from one address within a few seconds: they
 * scan a QR code and open a page one by one. That is what a script does.
 */

export const JOIN_WATCH = {
  /** "Fast from one address": at least this many new phones from one address... */
  burstJoins: 10,
  /** ...within this many seconds. */
  burstSeconds: 10,
  /** Minutes shown in the console's per-minute row. */
  recentMinutes: 15,
  /** Addresses listed in the console, busiest first. */
  topAddresses: 5,
  /** Largest expected attendance the host can set. */
  expectedMax: 20_000,
} as const;

/** `PUT /api/evenings/:id/expected-attendance`: how many people the organisers expect; null: not given. */
export interface ExpectedAttendanceRequest {
  expected: number | null;
}

export interface ExpectedAttendanceResponse {
  expected: number | null;
}

/** One new phone: when it joined (ms) and the code of the address it joined from (null when unknown). */
export interface JoinEvent {
  at: number;
  address: string | null;
}

export interface JoinMinute {
  /** Start of the minute, ISO 8601. */
  minute: string;
  joins: number;
}

export interface JoinAddress {
  /** Code of the address (never the address itself). */
  address: string;
  joins: number;
  /** Most joins from this address within `JOIN_WATCH.burstSeconds` seconds. */
  fastest: number;
}

export type JoinWarning =
  /** More phones joined than the organisers expect in the room. */
  | { kind: 'above-expected'; joined: number; expected: number }
  /** An open evening: many phones joined from one address within seconds. */
  | { kind: 'fast-from-one-address'; address: string; joins: number; seconds: number };

export interface JoinWatch {
  /** New phones that joined (a reload of a phone that had joined is not a join). */
  joined: number;
  /** The attendance the organisers expect, or null when they did not say. */
  expected: number | null;
  /** The last `JOIN_WATCH.recentMinutes` minutes up to `now`, oldest first (minutes without joins included). */
  recent: JoinMinute[];
  /** The minute with the most joins over the whole evening. */
  busiestMinute: JoinMinute | null;
  /** Distinct address codes. */
  addresses: number;
  /** Busiest addresses first, at most `JOIN_WATCH.topAddresses`. */
  top: JoinAddress[];
  /** Joins whose address was not recorded (evenings from before this was kept, or after retention). */
  unknownAddress: number;
  warnings: JoinWarning[];
}

const MINUTE = 60_000;

/** Most events within any window of `windowMs` (times sorted ascending). */
function densest(times: readonly number[], windowMs: number): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/**
 * Sums up the joins. `open` is true when anyone with the join code can join (tickets bound the
 * joins themselves, so the fast-from-one-address warning applies to open evenings only).
 */
export function watchJoins(events: readonly JoinEvent[], options: { expected: number | null; open: boolean; now: number }): JoinWatch {
  const sorted = [...events].sort((a, b) => a.at - b.at);
  const perMinute = new Map<number, number>();
  const perAddress = new Map<string, number[]>();
  let unknownAddress = 0;
  for (const e of sorted) {
    const minute = Math.floor(e.at / MINUTE) * MINUTE;
    perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1);
    if (e.address === null) unknownAddress++;
    else {
      const times = perAddress.get(e.address);
      if (times) times.push(e.at);
      else perAddress.set(e.address, [e.at]);
    }
  }
  let busiest: [number, number] | null = null;
  for (const entry of perMinute) if (!busiest || entry[1] > busiest[1]) busiest = entry;
  const nowMinute = Math.floor(options.now / MINUTE) * MINUTE;
  const recent: JoinMinute[] = [];
  for (let i = JOIN_WATCH.recentMinutes - 1; i >= 0; i--) {
    const minute = nowMinute - i * MINUTE;
    recent.push({ minute: new Date(minute).toISOString(), joins: perMinute.get(minute) ?? 0 });
  }
  const addresses: JoinAddress[] = [...perAddress].map(([address, times]) => ({ address, joins: times.length, fastest: densest(times, JOIN_WATCH.burstSeconds * 1000) }));
  addresses.sort((a, b) => b.joins - a.joins || b.fastest - a.fastest || (a.address < b.address ? -1 : 1));

  const warnings: JoinWarning[] = [];
  const joined = sorted.length;
  if (options.expected !== null && joined > options.expected) warnings.push({ kind: 'above-expected', joined, expected: options.expected });
  if (options.open) {
    const fast = addresses.filter((a) => a.fastest >= JOIN_WATCH.burstJoins).sort((a, b) => b.fastest - a.fastest || (a.address < b.address ? -1 : 1));
    for (const a of fast) warnings.push({ kind: 'fast-from-one-address', address: a.address, joins: a.fastest, seconds: JOIN_WATCH.burstSeconds });
  }
  return {
    joined,
    expected: options.expected,
    recent,
    busiestMinute: busiest ? { minute: new Date(busiest[0]).toISOString(), joins: busiest[1] } : null,
    addresses: perAddress.size,
    top: addresses.slice(0, JOIN_WATCH.topAddresses),
    unknownAddress,
    warnings,
  };
}

/** How far back the console's warning at Start looks: phones that joined in the last minute may have people still coming in behind them. */
export const LAST_MINUTE_MS = 60_000;

/** Phones that joined within `windowMs` before `now` (ms), from the host tally's per-second `recentJoins`. */
export function joinsWithin(recent: readonly { at: string; count: number }[] | undefined, now: number, windowMs = LAST_MINUTE_MS): number {
  let n = 0;
  for (const r of recent ?? []) {
    const second = Date.parse(r.at);
    if (second + 1000 > now - windowMs) n += r.count;
  }
  return n;
}
