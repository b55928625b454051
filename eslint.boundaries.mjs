/**
 * The backend's layers, lowest first (README, "Layout"). A file may import from its own element
 * and from lower layers only, so no import runs against the layers and no two feature folders can
 * import each other (a cycle needs an import going up). Checked by eslint-plugin-boundaries in
 * `npm run lint`; test/e2e/boundaries.e2e.ts shows that a wrong import fails.
 */
import boundaries from 'eslint-plugin-boundaries';
import { schemaOwnerRule } from './eslint-rules/schema-owner.mjs';

const src = (glob) => `backend/src/${glob}`;
export const BACKEND_LAYERS = [
  ['platform', [src('platform/**')]],
  ['infrastructure', [src('infrastructure/**')]],
  // The PDF primitives (pdfmake in a render process, soft line breaks).
  ['pdf', [src('pdf/**')]],
  ['meta', [src('meta/**')]],
  ['accounts', [src('accounts/**')]],
  ['evenings', [src('evenings/**')]],
  ['live', [src('live/**')]],
  // The organisers' account of the procedure (incidents), printed by the advice.
  ['procedure', [src('procedure/**')]],
  ['tickets', [src('tickets/**')]],
  ['attendees', [src('attendees/**')]],
  ['ballots', [src('ballots/**')]],
  // Questions from the room: the phones' questions to the bidder on stage (reads the running evening; the advice reads its query class).
  ['questions', [src('questions/**')]],
  ['paper', [src('paper/**')]],
  ['results', [src('results/**')]],
  ['advice', [src('advice/**')]],
  ['poster', [src('poster/**')]],
  // Announcement and sign-up (aanmelden): reads evenings and accounts through their query classes.
  ['signup', [src('signup/**')]],
  // The bidders' own page: reads evenings, accounts and the issued advice through their query classes;
  // changes a bidder only through the evenings feature's BidderSideService.
  ['bidder-portal', [src('bidder-portal/**')]],
  ['privacy', [src('privacy/**')]],
  ['gateway', [src('gateway/**')]],
  ['verification', [src('verification/**')]],
  // The command-line tools, the demo seed and the render process, which runs every feature's
  // document builder (the pool that starts it is in infrastructure/render and imports none of it).
  // The app's root files, backend/src/*.ts, are not classified.
  ['composition', [src('cli/**'), src('demo/**'), src('render/**')]],
];

/**
 * Who owns each file of backend/src/infrastructure/database/schema: only that feature folder may
 * import its entities as values (and so query their tables); the others read through its query
 * class or react to its domain events. null: a helper without a table. The infrastructure (the
 * writer, the migrations, the entity list) and the composition layer (the command-line tools and
 * the demo seed, which stand outside the features) are exempt. Checked by eslint-rules/schema-owner.mjs.
 */
export const SCHEMA_OWNERS = {
  accounts: 'accounts',
  advice: 'advice',
  'bidder-portal': 'bidder-portal',
  attendees: 'attendees',
  'join-watch': 'attendees',
  ballots: 'ballots',
  evenings: 'evenings',
  live: 'live',
  paper: 'paper',
  privacy: 'privacy',
  procedure: 'procedure',
  questions: 'questions',
  signup: 'signup',
  tickets: 'tickets',
  'ticket-code': null,
};

const types = BACKEND_LAYERS.map(([type]) => type);

export const boundariesConfig = {
  files: ['backend/src/**/*.ts'],
  // Specs may reach anywhere to set up what they test.
  ignores: ['backend/src/**/*.spec.ts'],
  plugins: { boundaries, buurtjury: { rules: { 'schema-owner': schemaOwnerRule } } },
  settings: {
    'boundaries/elements': BACKEND_LAYERS.flatMap(([type, patterns]) => patterns.map((pattern) => ({ type, pattern, partialMatch: false }))),
    'boundaries/include': ['backend/src/**/*.ts'],
    'import/resolver': { node: { extensions: ['.ts', '.js'] } },
  },
  rules: {
    'buurtjury/schema-owner': ['error', { owners: SCHEMA_OWNERS, exempt: ['infrastructure', 'cli', 'demo', 'render'] }],
    'boundaries/dependencies': [
      'error',
      {
        default: 'disallow',
        policies: [
          ...types.map((type, i) => ({ from: { element: { type } }, allow: { to: { element: { type: types.slice(0, i + 1) } } } })),
        ],
      },
    ],
  },
};
