import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  CLIENT_EVENTS,
  type ClientToServerEvents,
  type CreatedCommitteeLinkResponse,
  type CreatedInvitationResponse,
  type CreatedSignupResponse,
  type CreatedBidderLinkResponse,
  type SignupOverview,
  type EveningDetail,
  type JoinResponse,
  type SessionResponse,
  type SessionsResponse,
  type SocketAuth,
} from '@buurtjury/shared';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { listRoutes } from '../support/routes';
import { call, connect, ok, phone, type Client } from '../support/sockets';
import { ISSUER } from '../support/authorship';

/**
 * The role table: every REST route and every socket event against every role, including an
 * organiser of another network, a committee link of the evening that was withdrawn and an
 * attendee of another evening. The routes come from the running app, so a route added without a
 * row here fails the first test. "allow" means the access check let the request through (it may
 * still be refused for the evening's state, e.g. 409 because the setup is frozen); "deny" means
 * 401, 403, or 404 for the evening or link itself (other networks' evenings look missing).
 */
const PRINCIPALS = ['anonymous', 'owner', 'coOrganiser', 'moderator', 'otherNetwork', 'attendee', 'committee', 'revokedCommittee'] as const;
type Principal = (typeof PRINCIPALS)[number];
type Access = 'allow' | 'deny';

const only = (...allowed: Principal[]): Record<Principal, Access> =>
  Object.fromEntries(PRINCIPALS.map((p) => [p, allowed.includes(p) ? 'allow' : 'deny'])) as Record<Principal, Access>;
const EVERYONE = only(...PRINCIPALS);
/** Any organiser account, in its own network. */
const ANY_ORGANISER = only('owner', 'coOrganiser', 'moderator', 'otherNetwork');
/** Owner and co-organisers of the evening's network (setup, advice, members). */
const ORGANISERS = only('owner', 'coOrganiser');
/** Also a moderator of the network (read, run, paper). */
const TEAM = only('owner', 'coOrganiser', 'moderator');
/** Organisers acting in their own network (a list, a new evening, invitations). */
const NETWORK_ORGANISERS = only('owner', 'coOrganiser', 'otherNetwork');
const COMMITTEE = only('committee');

interface Row {
  access: Record<Principal, Access>;
  /** A valid body (validation runs before the access check, so an invalid one would hide it). */
  body?: () => object;
}

/** An incident the moderators may record (issue 15's account of the procedure). */
const INCIDENT = { at: '2026-12-10T18:40:00.000Z', what: 'De microfoon viel uit.', effect: '', measure: '' };

/** Every route: who may pass its access check. */
const ROUTES: Record<string, Row> = {
  'GET /api/meta': { access: EVERYONE },
  'GET /api/health/live': { access: EVERYONE },
  'GET /api/health/ready': { access: EVERYONE },
  'POST /api/auth/signup': { access: EVERYONE, body: () => ({}) },
  'POST /api/auth/login': { access: EVERYONE, body: () => ({}) },
  'GET /api/auth/me': { access: ANY_ORGANISER },
  'POST /api/auth/logout': { access: ANY_ORGANISER },
  'POST /api/auth/password': { access: ANY_ORGANISER, body: () => ({ currentPassword: 'correct horse battery', newPassword: 'correct horse battery' }) },
  'GET /api/auth/sessions': { access: ANY_ORGANISER },
  'POST /api/auth/sessions/end-others': { access: ANY_ORGANISER },
  /** The session is a fresh one of the owner's: only the owner may end it. */
  'DELETE /api/auth/sessions/:sessionId': { access: only('owner') },
  'GET /api/invitations/:token': { access: EVERYONE },
  'GET /api/network/members': { access: ANY_ORGANISER },
  'GET /api/network/invitations': { access: NETWORK_ORGANISERS },
  'POST /api/network/invitations': { access: NETWORK_ORGANISERS, body: () => ({ email: 'new@example.nl', role: 'moderator' }) },
  'DELETE /api/network/invitations/:invitationId': { access: ORGANISERS },
  'GET /api/network/events': { access: NETWORK_ORGANISERS },
  /** The member is the network's moderator, set to the role they have. */
  'PATCH /api/network/members/:memberId': { access: ORGANISERS, body: () => ({ role: 'moderator' }) },
  /** A fresh moderator of the network for each attempt. */
  'DELETE /api/network/members/:memberId': { access: ORGANISERS },
  'POST /api/join': { access: EVERYONE, body: () => ({}) },
  'GET /api/receipts/:joinCode/:receipt': { access: EVERYONE },
  'GET /api/evenings': { access: only('owner', 'coOrganiser', 'moderator', 'otherNetwork') },
  'POST /api/evenings': { access: NETWORK_ORGANISERS, body: () => ({ title: 'Nog een avond' }) },
  'GET /api/evenings/:eveningId': { access: TEAM },
  'PATCH /api/evenings/:eveningId': { access: ORGANISERS, body: () => ({ venue: 'Buurthuis De Linde' }) },
  'DELETE /api/evenings/:eveningId': { access: ORGANISERS },
  'POST /api/evenings/:eveningId/freeze': { access: ORGANISERS },
  'POST /api/evenings/:eveningId/copy': { access: ORGANISERS, body: () => ({ bidders: true }) },
  'GET /api/evenings/:eveningId/fingerprint': { access: TEAM },
  'GET /api/evenings/:eveningId/poster.pdf': { access: TEAM },
  'POST /api/evenings/:eveningId/bidders': { access: ORGANISERS, body: () => ({ name: 'Nieuwkomer', pitchMinutes: 10, qaMinutes: 5 }) },
  'PATCH /api/evenings/:eveningId/bidders/:bidderId': { access: ORGANISERS, body: () => ({ name: 'Andere naam' }) },
  'DELETE /api/evenings/:eveningId/bidders/:bidderId': { access: ORGANISERS },
  'PUT /api/evenings/:eveningId/running-order': { access: ORGANISERS, body: () => ({ bidderIds: evening.bidders.map((b) => b.id) }) },
  'POST /api/evenings/:eveningId/running-order/draw': { access: ORGANISERS, body: () => ({}) },
  'POST /api/evenings/:eveningId/running-order/commitment': { access: ORGANISERS, body: () => ({ hash: 'a'.repeat(64) }) },
  'POST /api/evenings/:eveningId/running-order/commitment/contributions': { access: ORGANISERS, body: () => ({ text: '42', by: 'Stichting Wijkkracht' }) },
  'POST /api/evenings/:eveningId/criteria': { access: ORGANISERS, body: () => ({ name: 'Nieuw', weight: 10 }) },
  'PATCH /api/evenings/:eveningId/criteria/:criterionId': { access: ORGANISERS, body: () => ({ name: 'Anders' }) },
  'DELETE /api/evenings/:eveningId/criteria/:criterionId': { access: ORGANISERS },
  'PUT /api/evenings/:eveningId/criteria-order': { access: ORGANISERS, body: () => ({ criterionIds: evening.criteria.map((c) => c.id) }) },
  'PUT /api/evenings/:eveningId/weights': { access: ORGANISERS, body: () => ({ weights: evening.criteria.map((c) => ({ criterionId: c.id, weight: c.weight })) }) },
  'PUT /api/evenings/:eveningId/scale': { access: ORGANISERS, body: () => ({ kind: evening.scale.kind, levels: evening.scale.levels }) },
  'PUT /api/evenings/:eveningId/declarations': { access: ORGANISERS, body: () => ({ items: [], noneDeclared: ['venue'] }) },
  'GET /api/evenings/:eveningId/incidents': { access: TEAM },
  'POST /api/evenings/:eveningId/incidents': { access: TEAM, body: () => INCIDENT },
  'PUT /api/evenings/:eveningId/incidents/:incidentId': { access: TEAM, body: () => INCIDENT },
  'DELETE /api/evenings/:eveningId/incidents/:incidentId': { access: TEAM },
  'PUT /api/evenings/:eveningId/award': { access: ORGANISERS, body: () => ({ criteria: evening.award.criteria, publishedIn: evening.award.publishedIn, eveningAnnounced: evening.award.eveningAnnounced, announcedWhere: evening.award.announcedWhere }) },
  'GET /api/evenings/:eveningId/results': { access: TEAM },
  'GET /api/evenings/:eveningId/exports/:name': { access: TEAM },
  'GET /api/evenings/:eveningId/advice': { access: TEAM },
  'PUT /api/evenings/:eveningId/advice/draft': { access: ORGANISERS, body: () => ({ content: adviceContent, revision: 0 }) },
  'GET /api/evenings/:eveningId/advice/preview': { access: TEAM },
  'GET /api/evenings/:eveningId/advice/preview.pdf': { access: TEAM },
  'POST /api/evenings/:eveningId/advice/versions': { access: ORGANISERS, body: () => ({ revision: 0, authorship: ISSUER }) },
  'GET /api/evenings/:eveningId/advice/versions/:number/document': { access: TEAM },
  'GET /api/evenings/:eveningId/advice/versions/:number/files/:name': { access: TEAM },
  'GET /api/evenings/:eveningId/advice/links': { access: TEAM },
  'POST /api/evenings/:eveningId/advice/links': { access: ORGANISERS, body: () => ({ label: 'Wethouder' }) },
  'POST /api/evenings/:eveningId/advice/links/:linkId/revoke': { access: ORGANISERS },
  'GET /api/committee/:token': { access: COMMITTEE },
  'GET /api/committee/:token/verify': { access: COMMITTEE },
  'GET /api/committee/:token/frame.json': { access: COMMITTEE },
  'GET /api/committee/:token/setup.json': { access: COMMITTEE },
  'GET /api/committee/:token/versions/:number/document': { access: COMMITTEE },
  'GET /api/committee/:token/versions/:number/files/:name': { access: COMMITTEE },
  'GET /api/evenings/:eveningId/tickets': { access: TEAM },
  'POST /api/evenings/:eveningId/tickets/cards.pdf': { access: ORGANISERS, body: () => ({ count: 2 }) },
  'POST /api/evenings/:eveningId/tickets/reissue.pdf': { access: ORGANISERS, body: () => ({ numbers: [1] }) },
  'POST /api/evenings/:eveningId/tickets/:ticketId/release': { access: TEAM, body: () => ({ reason: 'Telefoon leeg' }) },
  'PUT /api/evenings/:eveningId/expected-attendance': { access: TEAM, body: () => ({ expected: 40 }) },
  'GET /api/evenings/:eveningId/paper': { access: TEAM },
  'PUT /api/evenings/:eveningId/paper/cards': { access: TEAM, body: () => ({ cardsPerPitch: 5 }) },
  'GET /api/evenings/:eveningId/paper/cards.pdf': { access: TEAM },
  'POST /api/evenings/:eveningId/paper/entries': { access: TEAM, body: () => ({ bidderId: evening.bidders[0]!.id, cardNumber: 1, grades: { [evening.criteria[0]!.id]: 3 } }) },
  'DELETE /api/evenings/:eveningId/paper/entries/:entryId': { access: TEAM },
  'GET /api/evenings/:eveningId/audit': { access: TEAM },
  'GET /api/evenings/:eveningId/audit/verify': { access: TEAM },
  'GET /api/evenings/:eveningId/signups': { access: TEAM },
  'PUT /api/evenings/:eveningId/signups/settings': { access: ORGANISERS, body: () => signupSettings },
  'GET /api/evenings/:eveningId/signups/export.csv': { access: TEAM },
  'POST /api/evenings/:eveningId/signups/:signupId/arrival': { access: TEAM, body: () => ({ arrived: true }) },
  /** Public: the announcement, signing up, and the resident's own link (anyone holding it). */
  'GET /api/announcements/:announcementCode': { access: EVERYONE },
  'POST /api/announcements/:announcementCode/signups': { access: EVERYONE, body: () => ({ name: 'Fatima' }) },
  'GET /api/signups/:signupToken': { access: EVERYONE },
  'GET /api/signups/:signupToken/calendar.ics': { access: EVERYONE },
  'POST /api/signups/:signupToken/cancel': { access: EVERYONE },
  /** The bidders' own page: the host's side (a link per bidder), and the bidder's side by its personal link (anyone holding it). */
  'GET /api/evenings/:eveningId/bidder-links': { access: TEAM },
  'POST /api/evenings/:eveningId/bidders/:bidderId/link': { access: ORGANISERS, body: () => ({ email: 'info@example.nl' }) },
  'POST /api/evenings/:eveningId/bidders/:bidderId/link/revoke': { access: ORGANISERS },
  'GET /api/bidder-pages/:bidderToken': { access: EVERYONE },
  'POST /api/bidder-pages/:bidderToken/response': { access: EVERYONE, body: () => ({ response: 'confirmed' }) },
  'PUT /api/bidder-pages/:bidderToken/details': { access: EVERYONE, body: () => ({ contactPerson: 'Karin', email: '', pitchTitle: 'Titel', pitchSummary: '' }) },
  'POST /api/bidder-pages/:bidderToken/contribution': { access: EVERYONE, body: () => ({ text: '42' }) },
  'GET /api/bidder-pages/:bidderToken/feedback': { access: EVERYONE },
};
const signupSettings = { open: true, capacity: null, nameOnly: true, address: 'Kruiskamp 12', accessibility: '', about: '' };

type Connection = 'host' | 'attendee' | 'screen';
/** Every socket event: which kind of connection may send it (the connect table is below). */
const EVENTS: Record<keyof ClientToServerEvents, Record<Connection, Access>> = {
  'session:snapshot': { host: 'allow', attendee: 'allow', screen: 'allow' },
  'attendee:ties': { host: 'deny', attendee: 'allow', screen: 'deny' },
  'attendee:name': { host: 'deny', attendee: 'allow', screen: 'deny' },
  'ballot:submit': { host: 'deny', attendee: 'allow', screen: 'deny' },
  'ballot:progress': { host: 'deny', attendee: 'allow', screen: 'deny' },
  'host:command': { host: 'allow', attendee: 'deny', screen: 'deny' },
  'question:ask': { host: 'deny', attendee: 'allow', screen: 'deny' },
  'question:vote': { host: 'deny', attendee: 'allow', screen: 'deny' },
  'question:mine': { host: 'deny', attendee: 'allow', screen: 'deny' },
  'question:board': { host: 'allow', attendee: 'allow', screen: 'allow' },
  'question:list': { host: 'allow', attendee: 'deny', screen: 'deny' },
  'question:moderate': { host: 'allow', attendee: 'deny', screen: 'deny' },
  'question:settings': { host: 'allow', attendee: 'deny', screen: 'deny' },
};

let running: RunningApp;
let owner: Organiser;
let co: Organiser;
let moderator: Organiser;
let other: Organiser;
let evening: EveningDetail;
let otherEvening: EveningDetail;
let attendeeToken: string;
let otherAttendeeToken: string;
let committeeToken: string;
let revokedToken: string;
let pendingInviteToken: string;
let receipt: string;
let adviceContent: object;
let announcementCode: string;
let signupToken: string;
let signupId: string;
let bidderToken: string;
const sockets: Client[] = [];

async function invited(role: 'co-organiser' | 'moderator', name: string): Promise<Organiser> {
  const email = `${name.toLowerCase()}@example.nl`;
  const invite = (await owner.post('/api/network/invitations', { email, role }).expect(201)).body as CreatedInvitationResponse;
  return organiser(running.url, name, { email, inviteToken: invite.inviteUrl.split('/').pop()!, networkName: undefined as unknown as string });
}

beforeAll(async () => {
  running = await startApp({ SIGNUP_RATE_LIMIT: '1000', LOGIN_RATE_LIMIT: '1000', JOIN_RATE_LIMIT: '1000', VERIFY_RATE_LIMIT: '1000' });
  owner = await organiser(running.url, 'Owner');
  co = await invited('co-organiser', 'Cora');
  moderator = await invited('moderator', 'Mo');
  other = await organiser(running.url, 'Other');
  const pending = (await owner.post('/api/network/invitations', { email: 'later@example.nl' }).expect(201)).body as CreatedInvitationResponse;
  pendingInviteToken = pending.inviteUrl.split('/').pop()!;

  evening = (await owner.post(`/api/evenings/${(await completeEvening(owner)).id}/freeze`).expect(200)).body as EveningDetail;
  otherEvening = (await other.post(`/api/evenings/${(await completeEvening(other)).id}/freeze`).expect(200)).body as EveningDetail;
  const p = await phone(running.url, evening.joinCode);
  sockets.push(p.socket);
  attendeeToken = p.token;
  otherAttendeeToken = ((await request(running.url).post('/api/join').send({ joinCode: otherEvening.joinCode }).expect(200)).body as JoinResponse).attendeeToken;
  const host = await connect(running.url, { role: 'host', eveningId: evening.id, token: owner.session.token });
  sockets.push(host);
  const bidder = evening.bidders[0]!;
  ok(await call(host, 'host:command', { type: 'start-pitch', bidderId: bidder.id }));
  ok(await call(host, 'host:command', { type: 'open-scoring', bidderId: bidder.id }));
  receipt = ok(await call(p.socket, 'ballot:submit', { ballotId: randomUUID(), bidderId: bidder.id, grades: { [evening.criteria[0]!.id]: 4 } })).receipt;
  ok(await call(host, 'host:command', { type: 'end-evening' }));
  const ws = (await owner.get(`/api/evenings/${evening.id}/advice`).expect(200)).body as { draft: { content: object; revision: number } };
  adviceContent = { ...ws.draft.content, summary: 'S.', recommendation: 'A.' };
  await owner.put(`/api/evenings/${evening.id}/advice/draft`, { content: adviceContent, revision: ws.draft.revision }).expect(200);
  await owner.post(`/api/evenings/${evening.id}/advice/versions`, { authorship: ISSUER, revision: ws.draft.revision + 1, acceptEmpty: true }).expect(201);
  committeeToken = ((await owner.post(`/api/evenings/${evening.id}/advice/links`, { label: 'Commissie' }).expect(201)).body as CreatedCommitteeLinkResponse).url.split('/c/')[1]!;
  const spare = (await owner.post(`/api/evenings/${evening.id}/advice/links`, { label: 'Oud' }).expect(201)).body as CreatedCommitteeLinkResponse;
  revokedToken = spare.url.split('/c/')[1]!;
  await owner.post(`/api/evenings/${evening.id}/advice/links/${spare.id}/revoke`).expect(200);
  announcementCode = ((await owner.put(`/api/evenings/${evening.id}/signups/settings`, signupSettings).expect(200)).body as SignupOverview).settings!.code;
  const signedUp = (await request(running.url).post(`/api/announcements/${announcementCode}/signups`).send({ name: 'Rens' }).expect(201)).body as CreatedSignupResponse;
  signupToken = signedUp.token;
  signupId = ((await owner.get(`/api/evenings/${evening.id}/signups`).expect(200)).body as SignupOverview).signups[0]!.id;
  // A bidder's link for bidders[1]: the rows that invite again or revoke use bidders[2], so this one stays valid.
  bidderToken = ((await owner.post(`/api/evenings/${evening.id}/bidders/${evening.bidders[1]!.id}/link`, {}).expect(201)).body as CreatedBidderLinkResponse).url.split('/b/')[1]!;
}, 60_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  await running.close();
});

it('has a row for every route the app serves, and for every socket event', () => {
  const served = listRoutes(running.app).map((r) => `${r.method} ${r.path}`).sort();
  expect(served).toEqual(Object.keys(ROUTES).sort());
  expect([...CLIENT_EVENTS].sort()).toEqual(Object.keys(EVENTS).sort());
});

function bearerOf(p: Principal): string | null {
  switch (p) {
    case 'owner':
      return owner.session.token;
    case 'coOrganiser':
      return co.session.token;
    case 'moderator':
      return moderator.session.token;
    case 'otherNetwork':
      return other.session.token;
    case 'attendee':
      return attendeeToken; // an attendee's token is not an organiser's
    case 'anonymous':
    case 'committee':
    case 'revokedCommittee':
      return null;
  }
}

/** A pending invitation of the evening's network for each attempt to withdraw one, so each principal tries a live one. */
async function freshInvitation(): Promise<string> {
  const invite = (await owner.post('/api/network/invitations', { email: `p.${randomUUID().slice(0, 8)}@example.nl` }).expect(201)).body as CreatedInvitationResponse;
  return invite.id;
}

/** A new log-in of the owner, for each attempt to end a session, so each principal tries a live one. */
async function freshOwnerSession(): Promise<string> {
  const login = (await request(running.url).post('/api/auth/login').send({ email: owner.session.organiser.email, password: 'correct horse battery' }).expect(200)).body as SessionResponse;
  const listed = (await request(running.url).get('/api/auth/sessions').set('Authorization', `Bearer ${login.token}`).expect(200)).body as SessionsResponse;
  return listed.sessions.find((x) => x.current)!.id;
}

/** A new moderator of the evening's network for each attempt to remove a member. */
async function freshMember(): Promise<string> {
  return (await invited('moderator', `Weg${randomUUID().slice(0, 6)}`)).session.organiser.id;
}

function pathFor(template: string, p: Principal, invitationId: string, fresh: Record<string, string> = {}): string {
  const tokenOf = p === 'committee' ? committeeToken : p === 'revokedCommittee' ? revokedToken : 'k'.repeat(43);
  const values: Record<string, string> = {
    eveningId: evening.id,
    bidderId: evening.bidders[2]!.id,
    criterionId: evening.criteria[3]!.id,
    invitationId,
    memberId: fresh.memberId ?? moderator.session.organiser.id,
    sessionId: fresh.sessionId ?? randomUUID(),
    ticketId: randomUUID(),
    entryId: randomUUID(),
    linkId: randomUUID(),
    incidentId: randomUUID(),
    signupId,
    announcementCode,
    signupToken,
    bidderToken,
    number: '1',
    name: 'record.json',
    joinCode: evening.joinCode,
    receipt,
    token: template.startsWith('/api/invitations/') ? pendingInviteToken : tokenOf,
  };
  return template.replace(/:([A-Za-z]+)/g, (_, name: string) => values[name]!);
}

function bodyFor(key: string, p: Principal, row: Row): object | undefined {
  if (key === 'POST /api/auth/login') return { email: owner.session.organiser.email, password: 'correct horse battery' };
  if (key === 'POST /api/auth/signup') return { email: `${p}.${randomUUID().slice(0, 8)}@example.nl`, password: 'correct horse battery', displayName: p, networkName: 'N' };
  if (key === 'POST /api/join') return { joinCode: evening.joinCode, ...(p === 'attendee' ? { attendeeToken } : {}) };
  return row.body?.();
}

describe('socket connections and events', () => {
  const attempt = (auth: SocketAuth) =>
    connect(running.url, auth).then(
      (s) => {
        sockets.push(s);
        return s;
      },
      (e: Error & { data?: { code: string } }) => e.data?.code ?? 'refused',
    );

  it.each([
    ['owner as host', () => ({ role: 'host', eveningId: evening.id, token: owner.session.token }), 'allow'],
    ['co-organiser as host', () => ({ role: 'host', eveningId: evening.id, token: co.session.token }), 'allow'],
    ['moderator as host', () => ({ role: 'host', eveningId: evening.id, token: moderator.session.token }), 'allow'],
    ['organiser of another network as host', () => ({ role: 'host', eveningId: evening.id, token: other.session.token }), 'deny'],
    ['attendee token as host', () => ({ role: 'host', eveningId: evening.id, token: attendeeToken }), 'deny'],
    ['attendee', () => ({ role: 'attendee', joinCode: evening.joinCode, attendeeToken }), 'allow'],
    ['attendee of another evening', () => ({ role: 'attendee', joinCode: evening.joinCode, attendeeToken: otherAttendeeToken }), 'deny'],
    ['the big screen', () => ({ role: 'screen', joinCode: evening.joinCode }), 'allow'],
    ['the big screen opened by an organiser', () => ({ role: 'screen', joinCode: evening.joinCode, token: owner.session.token }), 'allow'],
    ['the big screen with a made-up token (an anonymous screen)', () => ({ role: 'screen', joinCode: evening.joinCode, token: 'k'.repeat(43) }), 'allow'],
  ] as const)('connect: %s: %s', async (_, auth, expected) => {
    const outcome = await attempt(auth() as SocketAuth);
    expect(typeof outcome === 'string' ? `deny (${outcome})` : 'allow').toMatch(new RegExp(`^${expected}`));
    if (typeof outcome !== 'string') outcome.close();
  });

  const payloads: { [E in keyof ClientToServerEvents]: () => unknown[] } = {
    'session:snapshot': () => [],
    'attendee:ties': () => [{ bidderIds: [] }],
    'attendee:name': () => [{ firstName: 'Ans' }],
    'ballot:submit': () => [{ ballotId: randomUUID(), bidderId: evening.bidders[1]!.id, grades: { [evening.criteria[0]!.id]: 3 } }],
    'ballot:progress': () => [{ bidderId: evening.bidders[1]!.id, state: 'idle' }],
    'host:command': () => [{ type: 'set-screen', view: 'join' }],
    'question:ask': () => [{ questionId: randomUUID(), bidderId: evening.bidders[1]!.id, text: 'Wat kost het?' }],
    'question:vote': () => [{ questionId: randomUUID() }],
    'question:mine': () => [],
    'question:board': () => [],
    'question:list': () => [{}],
    'question:moderate': () => [{ questionId: randomUUID(), action: 'approve' }],
    'question:settings': () => [{ preModeration: true, duringPitch: false }],
  };
  const connections: Record<Connection, () => SocketAuth> = {
    host: () => ({ role: 'host', eveningId: evening.id, token: moderator.session.token }),
    attendee: () => ({ role: 'attendee', joinCode: evening.joinCode, attendeeToken }),
    screen: () => ({ role: 'screen', joinCode: evening.joinCode }),
  };
  const cases = (Object.keys(EVENTS) as (keyof ClientToServerEvents)[]).flatMap((event) =>
    (Object.keys(connections) as Connection[]).map((c) => [event, c, EVENTS[event][c]] as const),
  );

  it.each(cases)('%s from %s: %s', async (event, connection, expected) => {
    const socket = await connect(running.url, connections[connection]());
    sockets.push(socket);
    const ack = await new Promise<{ ok: boolean; code?: string }>((resolve) => {
      (socket.emit as (e: string, ...a: unknown[]) => void)(event, ...payloads[event](), resolve);
    });
    socket.close();
    const denied = !ack.ok && (ack.code === 'FORBIDDEN' || ack.code === 'UNAUTHENTICATED');
    expect({ code: ack.code, access: denied ? 'deny' : 'allow' }).toMatchObject({ access: expected });
  });
});

/** Log-out ends the sessions the other rows (and the socket cases above) use, so it goes last. */
const ordered = Object.entries(ROUTES).sort(([a], [b]) => Number(a === 'POST /api/auth/logout') - Number(b === 'POST /api/auth/logout'));

describe.each(ordered)('%s', (key, row) => {
  it.each(PRINCIPALS.map((p) => [p, row.access[p]] as const))('%s: %s', async (principal, expected) => {
    const [method, template] = key.split(' ') as [string, string];
    const invitationId = template.includes(':invitationId') ? await freshInvitation() : '';
    const fresh = {
      ...(template.includes(':sessionId') ? { sessionId: await freshOwnerSession() } : {}),
      ...(method === 'DELETE' && template.includes(':memberId') ? { memberId: await freshMember() } : {}),
    };
    let req = request(running.url)[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](pathFor(template, principal, invitationId, fresh));
    const bearer = bearerOf(principal);
    if (bearer) req = req.set('Authorization', `Bearer ${bearer}`);
    const body = bodyFor(key, principal, row);
    const res = await (body ? req.send(body) : req);
    const error = (res.body ?? {}) as { code?: string; message?: string };
    const denied =
      res.status === 401 ||
      res.status === 403 ||
      (res.status === 404 && /^(The evening|The invitation|This link|An evening|The session|The member)/.test(error.message ?? '')) ||
      error.code === 'LINK_REVOKED';
    expect(res.status).toBeLessThan(500);
    expect({ status: res.status, code: error.code, access: denied ? 'deny' : 'allow' }).toMatchObject({ access: expected });
  });
});
