/**
 * The backend's layers, lowest first (README, "Layout"). A file may import from its own element
 * and from lower layers only, so no import runs against the layers and no two feature folders can
 * import each other (a cycle needs an import going up). Checked by eslint-plugin-boundaries in
 * `npm run lint`; test/e2e/boundaries.e2e.ts shows that a wrong import fails.
 */
import boundaries from 'eslint-plugin-boundaries';

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
  ['privacy', [src('privacy/**')]],
  ['gateway', [src('gateway/**')]],
  ['verification', [src('verification/**')]],
  // The command-line tools, the demo seed and the render process, which runs every feature's
  // document builder (the pool that starts it is in infrastructure/render and imports none of it).
  // The app's root files, backend/src/*.ts, are not classified.
  ['composition', [src('cli/**'), src('demo/**'), src('render/**')]],
];

const types = BACKEND_LAYERS.map(([type]) => type);

export const boundariesConfig = {
  files: ['backend/src/**/*.ts'],
  // Specs may reach anywhere to set up what they test.
  ignores: ['backend/src/**/*.spec.ts'],
  plugins: { boundaries },
  settings: {
    'boundaries/elements': BACKEND_LAYERS.flatMap(([type, patterns]) => patterns.map((pattern) => ({ type, pattern, partialMatch: false }))),
    'boundaries/include': ['backend/src/**/*.ts'],
    'import/resolver': { node: { extensions: ['.ts', '.js'] } },
  },
  rules: {
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
