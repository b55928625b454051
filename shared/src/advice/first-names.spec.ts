import { readFileSync } from 'node:fs';
import * as path from 'node:path';

// The generator is a plain Node script (npm run names); it reads the installed data packages.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require('../../../scripts/names/build-first-names.js') as { buildLists(): unknown; render(lists: unknown): string; OUT: string };

describe('the first-name lists of the remark masking', () => {
  it('are exactly what `npm run names` makes from the installed data packages and the curated supplement', () => {
    const committed = readFileSync(path.join(__dirname, 'first-names.data.ts'), 'utf8');
    expect(path.resolve(generator.OUT)).toBe(path.join(__dirname, 'first-names.data.ts'));
    expect(committed).toBe(generator.render(generator.buildLists()));
  });
});
