/**
 * Jest transformer for the `frontend-unit` project: runs the frontend's TypeScript, its Svelte 5
 * rune modules (`*.svelte.ts`: `$state`, `$derived`…) and Svelte's own ES modules under Jest's
 * CommonJS runtime.
 *
 * A `.svelte.ts` file is transpiled from TypeScript, compiled by Svelte's `compileModule` (as the
 * Vite plugin does for the browser build) and turned into CommonJS; other files only have their
 * types removed and their modules turned into CommonJS.
 */
const ts = require('typescript');
const { compileModule } = require('svelte/compiler');

function transpile(code, fileName, module) {
  return ts.transpileModule(code, {
    fileName,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module, sourceMap: false, inlineSourceMap: true, inlineSources: true, esModuleInterop: true, verbatimModuleSyntax: false },
  }).outputText;
}

module.exports = {
  process(source, filename) {
    if (filename.endsWith('.svelte.ts') || filename.endsWith('.svelte.js')) {
      const js = filename.endsWith('.ts') ? transpile(source, filename, ts.ModuleKind.ESNext).replace(/\/\/# sourceMappingURL=.*$/m, '') : source;
      const compiled = compileModule(js, { filename, generate: 'client', dev: false });
      return { code: transpile(compiled.js.code, filename.replace(/\.ts$/, '.js'), ts.ModuleKind.CommonJS) };
    }
    return { code: transpile(source, filename, ts.ModuleKind.CommonJS) };
  },
};
