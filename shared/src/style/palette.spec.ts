import { APP_COLOURS, DOCUMENT_COLOURS, GRADE_ANCHORS, levelColours, paletteCss } from './palette';

describe('the one palette', () => {
  it('gives five grades the anchors themselves and other counts colours between them, best first', () => {
    expect(levelColours(5)).toEqual([...GRADE_ANCHORS]);
    expect(levelColours(3)).toEqual(['#01665e', '#d9d6c8', '#c8553d']);
    expect(levelColours(1)).toEqual(['#01665e']);
    expect(levelColours(0)).toEqual([]);
    const seven = levelColours(7);
    expect(seven).toHaveLength(7);
    expect(seven[0]).toBe('#01665e');
    expect(seven[6]).toBe('#c8553d');
    for (const colour of seven) expect(colour).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('writes the app and document colours as CSS custom properties on :root', () => {
    const css = paletteCss();
    expect(css.startsWith(':root {')).toBe(true);
    for (const [name, colour] of Object.entries(APP_COLOURS)) expect(css).toContain(`--${name}: ${colour};`);
    for (const [name, colour] of Object.entries(DOCUMENT_COLOURS)) expect(css).toContain(`--doc-${name}: ${colour};`);
  });
});
