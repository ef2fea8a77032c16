// Node's built-in modules, taken without their ES module wrappers. `import … from 'node:http'` makes
// Node build a namespace of every export of the module, and reading them runs its lazy getters: on
// Node 22 and 24 http's WebSocket getters load undici (+10 MiB RSS for `import 'node:http'` alone),
// fs's `promises` loads fs/promises, readline and the streams (+2.6 ms for `import 'node:fs'`).
// Here each built-in resolves to a small module of our bundle that takes the module object from
// `require` (the banner below: process.getBuiltinModule, or createRequire on Node older than 20.16)
// and exports each name as a pure read, so esbuild keeps only the names something imports and a
// getter runs only when its name is used. Measured in docs/development.md, "Performance".
import { builtinModules, createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * The `require` every output file starts with. Bundled CommonJS code (signal-exit and others) calls
 * it, and so do the modules below; only built-ins are left to require, everything else is bundled.
 * getBuiltinModule answers undefined for a name that is not a built-in, where require throws: thrown
 * here too, as an optional `try { require(x) }` expects.
 */
export const requireBanner =
  'const require=globalThis.process.getBuiltinModule?(i)=>{const m=process.getBuiltinModule(i);' +
  'if(m===void 0)throw Object.assign(new Error(`Cannot find module \'${i}\'`),{code:"MODULE_NOT_FOUND"});return m}' +
  ':(await import("node:module")).createRequire(import.meta.url);';

const names = new Set(builtinModules.filter((m) => !m.startsWith('_')));
const IDENT = /^[A-Za-z_$][\w$]*$/;

/** The module's text: its object as default, and every own name as a pure read esbuild may drop. */
function moduleText(id) {
  const keys = Object.keys(Object.getOwnPropertyDescriptors(require(id))).filter((k) => IDENT.test(k) && k !== 'default');
  // Local names of our own (e0, e1, …): an export may be called `get` or `m`.
  return [
    `const m = require(${JSON.stringify(`node:${id}`)});`,
    'const get = (k) => m[k];',
    'export default m;',
    ...keys.map((k, i) => `const e${i} = /* @__PURE__ */ get(${JSON.stringify(k)});\nexport { e${i} as ${k} };`),
  ].join('\n');
}

export const builtins = {
  name: 'builtins-without-esm-wrappers',
  setup(b) {
    b.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
      // require() calls stay as they are: the banner's require takes them without any wrapper.
      if (args.kind !== 'import-statement' && args.kind !== 'dynamic-import') return undefined;
      const id = args.path.replace(/^node:/, '');
      // node:module too: the banner's own `import("node:module")` is text esbuild does not resolve.
      if (!names.has(id)) return undefined;
      // One copy per importing file, so it lands in that file's chunk: shared, it would be a chunk
      // of its own to load. A dynamic import is a chunk of its own anyway, so those share one.
      const by = args.kind === 'dynamic-import' ? '' : args.importer;
      return { path: `${id}?${by}`, namespace: 'builtin' };
    });
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({ contents: moduleText(args.path.split('?')[0]), loader: 'js' }));
  },
};
