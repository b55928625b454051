/**
 * Runs `create` inside an effect root, as a component's script runs, so the rune modules it
 * builds may start effects (`$effect`) outside a component in a test. `stop` ends them, as a
 * component that goes.
 */
export function inEffectRoot<T>(create: () => T): { value: T; stop: () => void } {
  let value: T | undefined;
  const stop = $effect.root(() => {
    value = create();
  });
  return { value: value as T, stop };
}
