/**
 * Buurtjury's colours, in one place for every surface that draws them: the app (as CSS custom
 * properties, generated at build time by frontend/vite.config.ts: `--accent`, `--doc-ink`, …), the
 * advisory document shown in the app (frontend/src/components/AdviceDocumentView.svelte) and the
 * same document as PDF and DOCX (backend/src/advice/render). Pure data and arithmetic, no DOM.
 */

/** The app's interface colours, by custom-property name (`--accent` …). */
export const APP_COLOURS = {
  accent: '#0b5c3b',
  'accent-dark': '#084a2f',
  'accent-soft': '#e6f2ec',
  text: '#1a1f1c',
  muted: '#4a5550',
  bg: '#ffffff',
  surface: '#f5f7f6',
  border: '#d3dbd6',
  'field-border': '#6b7a73',
  error: '#a3211a',
  'error-bg': '#fdecea',
  warning: '#7a4b00',
  'warning-bg': '#fff4e0',
  focus: '#0b5c3b',
} as const;

/** The advisory document's colours (on screen as `--doc-ink` …, and in the PDF and DOCX). */
export const DOCUMENT_COLOURS = {
  ink: '#1f2a2e',
  accent: '#12505a',
  grey: '#5b6770',
  rule: '#c9d3d7',
} as const;

/**
 * Grade colours from best to worst: a diverging teal–orange scale (after ColorBrewer BrBG/PuOr),
 * which stays readable with red–green colour blindness and in grey print because lightness changes
 * along the scale too. Five levels use these anchors as they are; other counts are interpolated.
 */
export const GRADE_ANCHORS: readonly string[] = ['#01665e', '#5ab4ac', '#d9d6c8', '#f4a259', '#c8553d'];

function hexToRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function rgbToHex([r, g, b]: [number, number, number]): string {
  return `#${[r, g, b].map((x) => Math.round(x).toString(16).padStart(2, '0')).join('')}`;
}

/** `n` colours for grades ordered best first. */
export function levelColours(n: number): string[] {
  const anchors = GRADE_ANCHORS;
  if (n <= 0) return [];
  if (n === 1) return [anchors[0]!];
  if (n === anchors.length) return [...anchors];
  return Array.from({ length: n }, (_, i) => {
    const pos = (i / (n - 1)) * (anchors.length - 1);
    const k = Math.min(Math.floor(pos), anchors.length - 2);
    const f = pos - k;
    const a = hexToRgb(anchors[k]!);
    const b = hexToRgb(anchors[k + 1]!);
    return rgbToHex([a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f]);
  });
}

/** The palette as CSS custom properties on :root, for the app's stylesheet. */
export function paletteCss(): string {
  const app = Object.entries(APP_COLOURS).map(([name, colour]) => `  --${name}: ${colour};`);
  const doc = Object.entries(DOCUMENT_COLOURS).map(([name, colour]) => `  --doc-${name}: ${colour};`);
  return `:root {\n${[...app, ...doc].join('\n')}\n}\n`;
}
