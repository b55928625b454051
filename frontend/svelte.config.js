/** @type {import('@sveltejs/vite-plugin-svelte').SvelteConfig} */
export default {
  compilerOptions: {
    // Svelte 5 runes everywhere; legacy `export let` / `$:` are compile errors.
    runes: true,
  },
};
