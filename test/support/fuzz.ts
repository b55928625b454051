import fc from 'fast-check';
import * as http from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { fillRoute, routeParams, type RouteInfo } from './routes';

/**
 * Generators and a sender for the fuzz suite (test/e2e/fuzz.e2e.ts): malformed HTTP requests
 * for a route, socket payloads and socket `auth` objects. Everything is built from fast-check
 * arbitraries so one seed reproduces a run.
 */

/** Real values the generators mix in, so requests also reach the code behind the validation. */
export interface FuzzPools {
  /** Per `:param` name, values that exist (ids, tokens, version numbers, file names). */
  params: Record<string, string[]>;
  /** Every real id of the run, offered for any id field or param. */
  ids: string[];
  /** Authorization header values of live sessions: this network's organiser and another network's. */
  tokens: { own: string; other: string };
}

/** One HTTP request to send; `label` says how it was made, for the failure report. */
export interface Probe {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  label: string;
}

/** What came back; `error` is set when the request failed below HTTP (reset, timeout). */
export interface ProbeResult {
  status: number;
  contentType: string;
  text: string;
  error?: string;
}

/** Field names of the request DTOs (accounts, evenings, setup, advice, join), for well-aimed wrong types. */
const FIELDS = [
  'email', 'password', 'displayName', 'networkName', 'inviteToken', 'title', 'date', 'startTime', 'venue', 'language',
  'tender', 'municipality', 'name', 'reference', 'committee', 'contactPerson', 'subject', 'awardCriterion', 'adviceDeadline',
  'pitchMinutes', 'qaMinutes', 'pitchTitle', 'pitchSummary', 'description', 'weight', 'weights', 'criterionId', 'criterionIds',
  'bidderId', 'bidderIds', 'bidders', 'seed', 'kind', 'levels', 'value', 'label', 'levelDescriptors', 'content', 'revision',
  'note', 'summary', 'recommendation', 'strengths', 'concerns', 'conditions', 'quoteIds', 'minorityViews', 'incidents',
  'limitations', 'explanation', 'joinCode', 'attendeeToken',
  'currentPassword', 'newPassword', 'role', 'numbers', 'count', 'reason', 'ticket',
  // announcement and sign-up
  'open', 'capacity', 'nameOnly', 'address', 'accessibility', 'about', 'guests', 'arrived',
] as const;

/** Keys that have broken parsers and merges elsewhere. */
const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'] as const;

/** Path segments sent as they are (already percent-encoded, or deliberately broken encodings). */
const RAW_SEGMENTS = ['..%2f..%2fetc%2fpasswd', '..%2F', '%2e%2e', '..', '.', '%', '%E0%A4%A', '%ZZ', '%00', '%C0%AF', 'a%2Fb', '%252e%252e', '%uff0e'];
const INJECTIONS = [
  "' OR '1'='1", '1; DROP TABLE evenings; --', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '${7*7}', '{{7*7}}',
  'null', 'undefined', 'NaN', 'Infinity', '-1', '0', '1e309', '0x10', 'true', '[]', '{}', ' ', '\t',
];

const junkString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(...INJECTIONS),
);

const pollutedObject = fc
  .constantFrom(
    '{"__proto__":{"isAdmin":true,"polluted":1}}',
    '{"constructor":{"prototype":{"polluted":1}}}',
    '{"__proto__":[1,2,3]}',
    '{"prototype":null,"toString":"x","hasOwnProperty":1,"valueOf":{}}',
  )
  .map((text) => JSON.parse(text) as unknown);

/** Any JSON-able value with hostile keys now and then; `maxDepth` keeps it small. */
export const anyValue = (maxDepth = 3): fc.Arbitrary<unknown> =>
  fc.anything({ maxDepth, maxKeys: 6, key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...POLLUTING_KEYS)), withNullPrototype: true });

/** A value of a type a DTO field is unlikely to expect (or sometimes a real id). */
const wrongValue = (ids: string[]): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double(),
    junkString,
    fc.constantFrom('', '2026-02-30', '25:00', 'nl', 'en', 'verbal', 'numeric'),
    fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
    fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
    fc.constantFrom(...ids),
    fc.uuid(),
    fc.string({ unit: 'grapheme-ascii', minLength: 500, maxLength: 5000 }),
    pollutedObject,
  );

/** Objects keyed by real field names with wrong values, nested a level or two like tenders and advice content. */
const fieldsObject = (ids: string[], depth: number): fc.Arbitrary<Record<string, unknown>> => {
  const value = depth > 0 ? fc.oneof({ arbitrary: wrongValue(ids), weight: 4 }, fieldsObject(ids, depth - 1), fc.array(fieldsObject(ids, depth - 1), { maxLength: 3 })) : wrongValue(ids);
  return fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 6 });
};

const COMPRESS: Record<string, (data: Buffer) => Buffer> = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync };
const compress = (encoding: string, data: Buffer) => COMPRESS[encoding]?.(data) ?? data;

const json = (value: unknown) => Buffer.from(JSON.stringify(value) ?? 'null');
const JSON_TYPE = 'application/json';

interface Body {
  kind: string;
  contentType?: string;
  contentEncoding?: string;
  body?: Buffer;
}

/** Request bodies: valid JSON of every shape, well-aimed wrong fields, deep and large bodies, broken JSON, other media types. */
const bodyArb = (ids: string[]): fc.Arbitrary<Body> =>
  fc.oneof(
    { arbitrary: fc.constant<Body>({ kind: 'none' }), weight: 2 },
    { arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v): Body => ({ kind: 'json', contentType: JSON_TYPE, body: json(v) })), weight: 3 },
    { arbitrary: anyValue(4).map((v): Body => ({ kind: 'anything', contentType: JSON_TYPE, body: json(v) })), weight: 3 },
    { arbitrary: fieldsObject(ids, 2).map((v): Body => ({ kind: 'fields', contentType: JSON_TYPE, body: json(v) })), weight: 6 },
    {
      arbitrary: fc
        .tuple(fc.integer({ min: 50, max: 3000 }), fc.constantFrom(...FIELDS), fc.boolean())
        .map(([depth, field, arrays]): Body => {
          const [open, close] = arrays ? ['[', ']'] : [`{"${field}":`, '}'];
          return { kind: 'deep', contentType: JSON_TYPE, body: Buffer.from(`{"${field}":${open.repeat(depth)}1${close.repeat(depth)}}`) };
        }),
      weight: 1,
    },
    {
      arbitrary: fc
        .tuple(fc.constantFrom(...FIELDS), fc.integer({ min: 50_000, max: 300_000 }))
        .map(([field, n]): Body => ({ kind: 'large', contentType: JSON_TYPE, body: json({ [field]: 'x'.repeat(n) }) })),
      weight: 1,
    },
    {
      arbitrary: fc.constantFrom(null, 0, -1, 1.5, true, 'text', [], [1, 'a', null], {}).map((v): Body => ({ kind: 'top-level', contentType: JSON_TYPE, body: json(v) })),
      weight: 2,
    },
    {
      arbitrary: fc
        .oneof(
          fc.string({ maxLength: 200 }),
          fc.jsonValue({ maxDepth: 3 }).chain((v) => {
            const text = JSON.stringify(v);
            return fc.nat({ max: Math.max(0, text.length - 1) }).map((n) => text.slice(0, n));
          }),
          fc.constantFrom('{"email":', '{,}', "{'a':1}", 'NaN', '{"a":1}}', '\u0000', '\ufeff{}', '{"a":1,}', '[', '"'),
        )
        .map((text): Body => ({ kind: 'malformed-json', contentType: JSON_TYPE, body: Buffer.from(text) })),
      weight: 3,
    },
    {
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/octet-stream',
            'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/vnd.api+json', 'application/merge-patch+json',
            'json', '*/*', ';;;', 'application/json; charset',
          ),
          fc.oneof(fc.string({ maxLength: 200 }).map((s) => Buffer.from(s)), fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)), fieldsObject(ids, 1).map(json)),
        )
        .map(([contentType, body]): Body => ({ kind: 'other-type', contentType, body })),
      weight: 2,
    },
    {
      arbitrary: fc
        .tuple(fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-unknown'), fc.boolean(), fc.jsonValue({ maxDepth: 2 }))
        .map(([encoding, real, v]): Body => {
          const plain = json(v);
          return { kind: 'encoded', contentType: JSON_TYPE, contentEncoding: encoding, body: real ? compress(encoding, plain) : plain };
        }),
      weight: 1,
    },
  );

/** A path parameter: a real value, a random id, something empty-ish, long, unicode, an injection or a broken encoding. */
const paramArb = (real: string[], ids: string[]): fc.Arbitrary<{ value: string; raw: boolean }> => {
  const encoded = (a: fc.Arbitrary<string>) => a.map((value) => ({ value, raw: false }));
  return fc.oneof(
    { arbitrary: encoded(fc.constantFrom(...(real.length > 0 ? real : ids))), weight: 5 },
    { arbitrary: encoded(fc.constantFrom(...ids)), weight: 2 },
    { arbitrary: encoded(fc.uuid()), weight: 2 },
    { arbitrary: encoded(fc.constantFrom('', ' ', '0', '-1', '1.5', '00000000-0000-0000-0000-000000000000')), weight: 1 },
    { arbitrary: encoded(fc.string({ unit: 'grapheme-ascii', minLength: 200, maxLength: 4000 })), weight: 1 },
    { arbitrary: encoded(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 })), weight: 1 },
    { arbitrary: encoded(fc.integer().map(String)), weight: 1 },
    { arbitrary: encoded(fc.constantFrom(...INJECTIONS)), weight: 1 },
    { arbitrary: fc.constantFrom(...RAW_SEGMENTS).map((value) => ({ value, raw: true })), weight: 2 },
  );
};

/** A query string: nothing, random pairs (repeated keys included), or odd raw syntax. */
const queryArb = fc.oneof(
  { arbitrary: fc.constant(''), weight: 4 },
  {
    arbitrary: fc
      .array(fc.tuple(fc.oneof(fc.constantFrom('lang', 'page', 'q', 'token', ...POLLUTING_KEYS), fc.string({ maxLength: 10 })), fc.oneof(fc.constantFrom('nl', 'en', 'fr', '', 'NL'), junkString)), {
        minLength: 1,
        maxLength: 5,
      })
      .map((pairs) => `?${new URLSearchParams(pairs).toString()}`),
    weight: 3,
  },
  { arbitrary: fc.constantFrom('?lang[]=nl', '?lang[a]=b', '?lang=nl&lang=en', '?=', '?&&&', '?lang=%', '?a=%E0%A4%A', '?__proto__[x]=1', '??'), weight: 1 },
);

const GARBAGE_AUTH = ['Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearer null', 'bearer x', 'Token abc', 'Bearer a.b.c'];

/** The Authorization header: none, garbage, this network's organiser, or another network's. */
const authArb = (tokens: FuzzPools['tokens']): fc.Arbitrary<{ kind: string; header?: string }> =>
  fc.oneof(
    fc.constant({ kind: 'none' }),
    fc.oneof(fc.constantFrom(...GARBAGE_AUTH), fc.string({ unit: 'grapheme-ascii', maxLength: 80 }).map((s) => `Bearer ${s}`)).map((header) => ({ kind: 'garbage', header })),
    fc.constant({ kind: 'own', header: `Bearer ${tokens.own}` }),
    fc.constant({ kind: 'other', header: `Bearer ${tokens.other}` }),
  );

/** Malformed (and sometimes well-formed) requests for one route. */
export function probeArb(route: RouteInfo, pools: FuzzPools): fc.Arbitrary<Probe> {
  const names = routeParams(route.path);
  const params = fc.tuple(...names.map((name) => paramArb(pools.params[name] ?? [], pools.ids)));
  return fc.record({ params, query: queryArb, auth: authArb(pools.tokens), body: bodyArb(pools.ids) }).map(({ params, query, auth, body }) => {
    const raw = params.some((p) => p.raw);
    const values = Object.fromEntries(names.map((name, i) => [name, raw && !params[i]!.raw ? encodeURIComponent(params[i]!.value) : params[i]!.value]));
    const headers: Record<string, string> = {};
    if (auth.header !== undefined) headers.authorization = auth.header;
    if (body.contentType !== undefined) headers['content-type'] = body.contentType;
    if (body.contentEncoding !== undefined) headers['content-encoding'] = body.contentEncoding;
    return {
      method: route.method,
      path: fillRoute(route.path, values, raw) + query,
      headers,
      body: body.body,
      label: `auth=${auth.kind} body=${body.kind}`,
    };
  });
}

/** Real values for socket payloads and `auth` objects. */
export interface SocketPools {
  /** Each evening's bidders and criteria, so that ballots can be right for one evening. */
  evenings: { bidderIds: string[]; criterionIds: string[] }[];
  bidderIds: string[];
  joinCodes: string[];
  attendeeTokens: string[];
  organiserTokens: string[];
  eveningIds: string[];
}

/** How the acknowledgement is passed: a callback, none at all, or a last argument that is not a function. */
export type AckMode = 'ack' | 'none' | 'non-function';

/** One emit to make: the event, its arguments (before the acknowledgement) and how to acknowledge. */
export interface Emit {
  event: string;
  args: unknown[];
  ack: AckMode;
  label: string;
}

/** Largest JSON size of generated socket arguments, well under the server's 16 KB message limit. */
const SMALL_MESSAGE = 12_000;

const oneOfOr = <T>(values: T[], other: fc.Arbitrary<T>) => (values.length > 0 ? fc.oneof(fc.constantFrom(...values), other) : other);

/** Valid host commands of every type but `end-evening` (left out so that the evening stays live for the rest of the run). */
function hostCommand(bidderIds: string[]): fc.Arbitrary<Record<string, unknown>> {
  const bidderId = fc.constantFrom(...bidderIds);
  return fc.oneof(
    fc.record({ type: fc.constant('start-pitch'), bidderId, closeOpenScoring: fc.boolean() }, { requiredKeys: ['type', 'bidderId'] }),
    fc.record({ type: fc.constant('next-pitch'), closeOpenScoring: fc.boolean() }, { requiredKeys: ['type'] }),
    fc.record({ type: fc.constant('open-scoring'), bidderId, autoCloseMinutes: fc.option(fc.integer({ min: 1, max: 120 })) }, { requiredKeys: ['type', 'bidderId'] }),
    fc.record({ type: fc.constantFrom('close-scoring', 'skip-pitch'), bidderId }),
    fc.record({ type: fc.constant('close-scoring'), bidderId, countdownSeconds: fc.constantFrom(0, 1, 300) }),
    fc.record({ type: fc.constant('reopen-scoring'), bidderId, reason: fc.string({ minLength: 3, maxLength: 300 }) }),
    fc.record({ type: fc.constant('set-screen'), view: fc.constantFrom('join', 'pitch', 'turnout', 'results', 'reveal') }),
    fc.record({ type: fc.constant('set-live-results'), on: fc.boolean() }),
    fc.record({ type: fc.constant('reveal-next') }),
  );
}

/** A ballot for one evening's bidder, with grades on and off its scale, all or some criteria. */
function ballot(evening: { bidderIds: string[]; criterionIds: string[] }): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(
    {
      ballotId: fc.uuid({ version: 4 }),
      bidderId: fc.constantFrom(...evening.bidderIds),
      grades: fc.subarray(evening.criterionIds, { minLength: 1 }).chain((ids) => fc.tuple(...ids.map(() => fc.integer({ min: -1, max: 11 }))).map((g) => Object.fromEntries(ids.map((id, i) => [id, g[i]])))),
      remark: fc.string({ maxLength: 1000 }),
    },
    { requiredKeys: ['ballotId', 'bidderId', 'grades'] },
  );
}

/** A well-formed payload with one field replaced by a wrong value, one left out, or one added. */
function mutate(valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(valid, fc.nat(), fc.constantFrom('replace', 'remove', 'add'), anyValue(2)).map(([payload, n, how, value]) => {
    const keys = Object.keys(payload);
    const key = keys[n % keys.length]!;
    if (how === 'remove') return Object.fromEntries(Object.entries(payload).filter(([k]) => k !== key));
    return how === 'replace' ? { ...payload, [key]: value } : { ...payload, [`extra${n % 3}`]: value };
  });
}

/** Payloads shaped like the real ones, with real ids: valid ones (that reach the services) and near misses. */
function plausiblePayload(event: string, pools: SocketPools): fc.Arbitrary<unknown> {
  const valid = (payload: fc.Arbitrary<Record<string, unknown>>) => fc.oneof(payload, mutate(payload));
  const bidders = fc.constantFrom(...pools.bidderIds);
  switch (event) {
    case 'ballot:submit':
      return valid(fc.oneof(...pools.evenings.map(ballot)));
    case 'host:command':
      return valid(hostCommand(pools.bidderIds));
    case 'attendee:ties':
      return valid(fc.record({ bidderIds: fc.oneof(fc.uniqueArray(bidders, { maxLength: 4 }), fc.array(fc.oneof(bidders, fc.uuid(), junkString), { maxLength: 30 })) }));
    case 'attendee:name':
      return valid(fc.record({ firstName: fc.string({ maxLength: 50 }) }));
    case 'ballot:progress':
      return valid(fc.record({ bidderId: fc.oneof(bidders, fc.uuid(), junkString), state: fc.constantFrom('filling', 'waiting', 'idle', 'done') }));
    case 'question:ask':
      return valid(
        fc.record(
          { questionId: fc.uuid({ version: 4 }), bidderId: fc.oneof(bidders, fc.uuid(), junkString), text: fc.oneof(fc.string({ maxLength: 400 }), junkString), firstName: fc.string({ maxLength: 60 }) },
          { requiredKeys: ['questionId', 'bidderId', 'text'] },
        ),
      );
    case 'question:vote':
      return valid(fc.record({ questionId: fc.oneof(fc.uuid(), junkString) }));
    case 'question:list':
      return valid(fc.record({ bidderId: fc.oneof(bidders, fc.uuid(), junkString) }, { requiredKeys: [] }));
    case 'question:moderate':
      return valid(
        fc.record(
          { questionId: fc.oneof(fc.uuid(), junkString), action: fc.constantFrom('approve', 'hide', 'merge', 'answer', 'reopen', 'delete'), intoId: fc.oneof(fc.uuid(), junkString) },
          { requiredKeys: ['questionId', 'action'] },
        ),
      );
    case 'question:settings':
      return valid(fc.record({ preModeration: fc.oneof(fc.boolean(), anyValue(1)), duringPitch: fc.oneof(fc.boolean(), anyValue(1)) }));
    default:
      return anyValue(2);
  }
}

/** Arguments for an event: none, one of anything, plausible, too many, polluting keys, large strings, binary. */
export function emitArb(event: string, pools: SocketPools): fc.Arbitrary<Emit> {
  const args = fc.oneof(
    { arbitrary: fc.constant<[string, unknown[]]>(['none', []]), weight: 2 },
    { arbitrary: anyValue(3).map((v): [string, unknown[]] => ['anything', [v]]), weight: 4 },
    { arbitrary: plausiblePayload(event, pools).map((v): [string, unknown[]] => ['plausible', [v]]), weight: 5 },
    { arbitrary: fc.array(fc.oneof(plausiblePayload(event, pools), anyValue(2)), { minLength: 2, maxLength: 4 }).map((v): [string, unknown[]] => ['extra-args', v]), weight: 2 },
    { arbitrary: pollutedObject.map((v): [string, unknown[]] => ['polluting', [v]]), weight: 1 },
    { arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 2000, maxLength: 8000 }).map((v): [string, unknown[]] => ['large-string', [v]]), weight: 1 },
    { arbitrary: fc.uint8Array({ maxLength: 2000 }).map((v): [string, unknown[]] => ['binary', [Buffer.from(v)]]), weight: 1 },
  );
  const ack = fc.oneof(
    { arbitrary: fc.constant<AckMode>('ack'), weight: 6 },
    { arbitrary: fc.constantFrom<AckMode>('none', 'non-function'), weight: 2 },
  );
  return fc
    .tuple(args, ack, fc.constantFrom<unknown>(42, 'ack', {}, null, [true]))
    .map(([[kind, a], mode, notAFunction]) => ({ event, args: mode === 'non-function' ? [...a, notAFunction] : a, ack: mode, label: `${kind}/${mode}` }))
    .filter((e) => Buffer.byteLength(JSON.stringify(e.args) ?? '') <= SMALL_MESSAGE);
}

/** socket.io `auth` objects: plausible roles with real and wrong credentials, random objects, polluting keys. */
export function socketAuthArb(pools: SocketPools): fc.Arbitrary<Record<string, unknown>> {
  const some = anyValue(1);
  const code = oneOfOr(
    pools.joinCodes.flatMap((c) => [c, c.toLowerCase(), ` ${c.slice(0, 3)}-${c.slice(3)} `]),
    fc.oneof(junkString, fc.stringMatching(/^[A-Z2-9]{6}$/), some),
  );
  return fc.oneof(
    {
      arbitrary: fc.record(
        {
          role: fc.oneof({ arbitrary: fc.constantFrom('attendee', 'host', 'screen'), weight: 4 }, fc.constantFrom('admin', '', 'HOST'), some),
          joinCode: code,
          attendeeToken: oneOfOr(pools.attendeeTokens, fc.oneof(junkString, fc.base64String({ minLength: 43, maxLength: 44 }), some)),
          eveningId: oneOfOr(pools.eveningIds, fc.oneof(fc.uuid(), junkString, some)),
          token: oneOfOr(pools.organiserTokens, fc.oneof(junkString, some)),
        },
        { requiredKeys: ['role'] },
      ),
      weight: 4,
    },
    fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...POLLUTING_KEYS, 'role')), anyValue(2), { maxKeys: 5 }),
    pollutedObject.map((v) => v as Record<string, unknown>),
  );
}

/** Sends one probe over a keep-alive agent; never rejects (transport errors are reported in `error`). */
export function send(base: URL, agent: http.Agent, probe: Probe, timeoutMs = 15_000): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const headers = { ...probe.headers, ...(probe.body ? { 'content-length': String(probe.body.length) } : {}) };
    let req: http.ClientRequest;
    try {
      req = http.request({ host: base.hostname, port: base.port, method: probe.method, path: probe.path, headers, agent, timeout: timeoutMs });
    } catch (error) {
      resolve({ status: 0, contentType: '', text: '', error: `client refused to send: ${(error as Error).message}` });
      return;
    }
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (error) => resolve({ status: res.statusCode ?? 0, contentType: '', text: '', error: error.message }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (error) => resolve({ status: 0, contentType: '', text: '', error: error.message }));
    req.end(probe.body);
  });
}

/** Runs `work` over `items` with at most `concurrency` at a time. */
export async function pool<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
