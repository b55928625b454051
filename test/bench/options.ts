/** The benchmarks' command-line options. A bad value stops the benchmark with a message naming the option. */

/** `--name X`: the text after the option, or undefined when the option is absent. */
export function textOption(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

/** `--name N`: a whole number of at least `min` (1 unless given), or `fallback` when the option is absent. */
export function option(name: string, fallback: number, min = 1): number {
  const text = textOption(name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} needs a whole number of at least ${min}`);
  return value;
}

/** `--name X`: any number of at least 0 (a window of 0.5 s, say), or `fallback` when the option is absent. */
export function numberOption(name: string, fallback: number): number {
  const text = textOption(name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a non-negative number`);
  return value;
}
