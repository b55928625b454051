/**
 * The benchmarks' command-line options: `--name N`, a whole number of at least `min` (1 unless
 * given), or `fallback` when the option is absent. Anything else stops the benchmark with a message.
 */
export function option(name: string, fallback: number, min = 1): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i === -1) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} needs a whole number of at least ${min}`);
  return value;
}

/** `--name X`, any number of at least 0 (a window of 0.5 s, say), or `fallback` when the option is absent. */
export function numberOption(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i === -1) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a non-negative number`);
  return value;
}
