// Code splitting into ONE file. Parsing is what start-up pays for: a 1 MB bundle costs ~45 ms before
// `--version` prints, even when esbuild wraps the heavy parts so they are never evaluated, while the
// same megabyte inside a string literal costs ~3 ms. So every `await import('...')` written in src/
// becomes a chunk: bundled on its own, stored in dist/cli.js as a brotli'd string, and evaluated only
// when that branch runs (scripts/build/runtime.js: CommonJS through vm with a V8 code cache; a chunk
// with top-level await as ESM from a data: URL). Rules that keep this correct:
// - A src module is evaluated once per process: a module the main bundle holds, or one two chunks
//   share (it goes to the "shared" chunk), is handed to the others through a registry, so
//   `instanceof CliError` holds across chunks.
// - The AWS SDK packages form one chunk: they share most of their code (@smithy/*).
// - Chunks see the main file's `import.meta.url` and `require`, so package lookups work as before.
// - Stack traces (DEBUG) name `sentinel-init/<chunk>.js`, not a data: URL.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { brotliCompressSync } from 'node:zlib';
import { dirname, extname, relative, sep } from 'node:path';

const G = 'globalThis.__sentinelInit';
const DYNAMIC_IMPORT = /\bimport\(\s*(['"])([^'"\n]+)\1\s*\)/g;
const SDK_GROUP = /node_modules[\\/]@aws-sdk[\\/](client-[^\\/]+|credential-providers)[\\/]/;

/**
 * Builds `entry` (under root/src) into one ESM file's text; `common` holds the esbuild options every
 * part shares (define, jsx, plugins...); `chunkPlugins` apply to chunks only. Returns
 * {code, parts: [{id, deps, format, bytes, stored}]}.
 */
export async function buildSplit({ root, entry, common, chunkPlugins = [] }) {
  const src = root + sep + 'src' + sep;
  const key = (file) => relative(root, file).split(sep).join('/');
  const chunks = new Map(); // id -> {id, entries: Map(absPath -> exportName), src: boolean}

  const sdkUse = new Map(); // exportName (m0...) -> {spec, texts: Set of importer sources}
  const chunkFor = (abs) => {
    const sdk = SDK_GROUP.test(abs);
    const id = sdk ? 'aws-sdk' : abs.startsWith(src) ? key(abs).replace(/^src\//, '').replace(/\.[jt]sx?$/, '') : key(abs).replace(/^node_modules\//, '');
    let chunk = chunks.get(id);
    if (!chunk) chunks.set(id, (chunk = { id, entries: new Map(), src: abs.startsWith(src) }));
    if (!chunk.entries.has(abs)) chunk.entries.set(abs, `m${chunk.entries.size}`);
    return { chunk, name: sdk ? chunk.entries.get(abs) : undefined };
  };

  /** Rewrites `import('x')` in src files to the registry's loader; `foreign` modules come from the registry. */
  const splitter = (foreign = new Map()) => ({
    name: 'split',
    setup(b) {
      b.onLoad({ filter: /\.[cm]?[jt]sx?$/, namespace: 'file' }, async (args) => {
        if (!args.path.startsWith(src)) return undefined;
        let text = readFileSync(args.path, 'utf8');
        const found = [...text.matchAll(DYNAMIC_IMPORT)];
        for (const m of found.reverse()) {
          const r = await b.resolve(m[2], { kind: 'dynamic-import', resolveDir: dirname(args.path), importer: args.path });
          if (r.errors.length || r.external) continue; // left alone: esbuild reports what is wrong
          const { chunk, name } = chunkFor(r.path);
          if (name) {
            const use = sdkUse.get(name) ?? { spec: m[2], texts: new Set() };
            sdkUse.set(name, use);
            use.texts.add(text);
          }
          const call = `${G}.load(${JSON.stringify(chunk.id)})${name ? `.then((m) => m.${name})` : ''}`;
          text = text.slice(0, m.index) + call + text.slice(m.index + m[0].length);
        }
        const ext = extname(args.path).slice(1).replace(/^[cm]/, '');
        return { contents: text, loader: ext, resolveDir: dirname(args.path) };
      });
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.inner || !foreign.size || !args.importer.startsWith(src) || args.kind === 'entry-point') return undefined;
        const r = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { inner: true } });
        return foreign.has(r.path) ? { path: r.path, namespace: 'registry' } : undefined;
      });
      b.onLoad({ filter: /.*/, namespace: 'registry' }, (args) => ({
        contents: `module.exports = ${G}.modules[${JSON.stringify(key(args.path))}];`,
        loader: 'js',
      }));
      // A CommonJS chunk runs in vm, where import() of a built-in has no loader on Node < 20.12:
      // bundle it as a require() instead (the SDK imports node:http lazily).
      b.onResolve({ filter: /.*/ }, (args) =>
        args.kind === 'dynamic-import' && isBuiltin(args.path) && args.namespace === 'file' ? { path: args.path, namespace: 'builtin' } : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
      b.onResolve({ filter: /^split-entry:/ }, (args) => ({ path: args.path, namespace: 'split-entry' }));
      b.onLoad({ filter: /.*/, namespace: 'split-entry' }, (args) => ({ contents: entries.get(args.path), loader: 'js', resolveDir: root }));
    },
  });
  const entries = new Map(); // virtual entry path -> source

  const run = async (entryCode, name, foreign, extra = {}) => {
    const path = `split-entry:${name}`;
    entries.set(path, entryCode);
    const out = await build({ ...common, ...extra, entryPoints: [path], plugins: [...(extra.plugins ?? common.plugins ?? []), splitter(foreign)], write: false, metafile: true, outdir: 'out' });
    const inputs = Object.keys(out.metafile.inputs).map((p) => (p.includes(':') ? p : `${root}${sep}${p.split('/').join(sep)}`));
    const output = Object.values(out.metafile.outputs)[0];
    return { code: out.outputFiles.find((f) => f.path.endsWith('.js')).text, srcInputs: inputs.filter((p) => p.startsWith(src)), exports: output.exports };
  };
  const chunkOptions = {
    plugins: [...(common.plugins ?? []), ...chunkPlugins],
    define: { ...common.define, 'import.meta.url': `${G}.url` },
    banner: { js: `const require=${G}.require;` },
  };

  // Pass 1: discover every chunk reachable from src, and which src modules each one holds.
  const holds = new Map(); // unit id -> src files
  holds.set('main', (await run(`import ${JSON.stringify(entry)};`, 'main-probe', undefined)).srcInputs);
  const probed = new Set();
  for (let again = true; again; ) {
    again = false;
    for (const chunk of [...chunks.values()].filter((c) => c.src && !probed.has(c.id))) {
      probed.add(chunk.id);
      again = true;
      const [target] = chunk.entries.keys();
      holds.set(chunk.id, (await run(`export * from ${JSON.stringify(target)};`, `${chunk.id}-probe`, undefined, chunkOptions)).srcInputs);
    }
  }

  // Ownership: main keeps its modules; a module in two or more chunks goes to "shared".
  const owner = new Map();
  for (const file of holds.get('main')) owner.set(file, 'main');
  const seen = new Map();
  for (const [id, files] of holds) if (id !== 'main') for (const f of files) if (!owner.has(f)) seen.set(f, [...(seen.get(f) ?? []), id]);
  for (const [f, ids] of seen) owner.set(f, ids.length > 1 ? 'shared' : ids[0]);
  const exported = (unit) => [...owner].filter(([f, o]) => o === unit && [...holds].some(([id, files]) => id !== unit && files.includes(f))).map(([f]) => f);
  const registerCode = (files) =>
    files.length
      ? `${files.map((f, i) => `import * as r${i} from ${JSON.stringify(f)};`).join('')}${G}.register({${files.map((f, i) => `${JSON.stringify(key(f))}: r${i}`).join(',')}});`
      : '';

  // The SDK chunk: the packages' ESM builds (tree-shakable, unlike their CJS `main`), and only the
  // names src mentions: 350 KB instead of 565 KB to parse on every AWS call path.
  const sdkOptions = { ...chunkOptions, mainFields: ['module', 'main'] };
  const sdkEntry = async () => {
    const lines = [];
    for (const [name, use] of sdkUse) {
      const probe = await build({ ...common, ...sdkOptions, stdin: { contents: `export * from ${JSON.stringify(use.spec)};`, resolveDir: root }, write: false, metafile: true, minify: false, outdir: 'out' });
      const all = Object.values(probe.metafile.outputs)[0].exports;
      const used = all.filter((n) => [...use.texts].some((t) => new RegExp(`\\b${n}\\b`).test(t)));
      lines.push(`import { ${used.join(', ')} } from ${JSON.stringify(use.spec)}; export const ${name} = { ${used.join(', ')} };`);
    }
    return lines.join('\n');
  };

  // A chunk is CommonJS when it can be: evaluated by vm from a string, it skips what a data: URL
  // import costs (~18 ms for the 425 KB wizard: URL parsing, base64, module-map keys). A chunk with
  // top-level await (Ink's yoga) stays ESM and is imported from a data: URL.
  const runChunk = async (code, name, foreign, options) => {
    try {
      const r = await run(code, name, foreign, { ...options, format: 'cjs', banner: { js: '"use strict";' }, logLevel: 'silent' });
      return { ...r, format: 'c' };
    } catch (error) {
      if (!/top-level await/i.test(String(error?.message))) throw error;
      return { ...(await run(code, name, foreign, options)), format: 'e' };
    }
  };

  // Pass 2: each chunk with the modules other units own taken from the registry.
  const parts = [];
  const foreignTo = (unit) => new Map([...owner].filter(([, o]) => o !== unit));
  const sharedFiles = exported('shared').length ? [...owner].filter(([, o]) => o === 'shared').map(([f]) => f) : [];
  if (sharedFiles.length) {
    const r = await runChunk(registerCode(exported('shared')), 'shared', foreignTo('shared'), chunkOptions);
    parts.push({ id: 'shared', deps: [], code: r.code, format: r.format });
  }
  for (const chunk of chunks.values()) {
    const targets = [...chunk.entries];
    const [first] = targets[0];
    // `export *` leaves out a default export: re-export it when the module has one.
    const withDefault = chunk.src && /\bexport\s+default\b/.test(readFileSync(first, 'utf8')) ? `export { default } from ${JSON.stringify(first)};` : '';
    const code = chunk.id === 'aws-sdk' ? await sdkEntry() : `export * from ${JSON.stringify(first)};${withDefault}`;
    const r = await runChunk(code, chunk.id, chunk.src ? foreignTo(chunk.id) : undefined, chunk.id === 'aws-sdk' ? sdkOptions : chunkOptions);
    const usesShared = chunk.src && holds.get(chunk.id).some((f) => owner.get(f) === 'shared');
    parts.push({ id: chunk.id, deps: usesShared ? ['shared'] : [], code: r.code, format: r.format });
  }

  // The main file: a runtime that owns the registry and the chunk texts, evaluated before the entry.
  // Brotli and base64: the texts cost start-up only as much as their length, and compressed they
  // are a quarter; inflating one takes ~2 ms, paid only by the branch that needs it.
  const table = Object.fromEntries(
    parts.map((p) => [
      p.id,
      {
        d: p.deps,
        f: p.format,
        // Big CommonJS chunks keep a V8 code cache (runtime.js); the hash names it.
        ...(p.format === 'c' && p.code.length > 16 * 1024 ? { h: createHash('sha256').update(p.code).digest('hex').slice(0, 16) } : {}),
        c: brotliCompressSync(Buffer.from(p.format === 'e' ? `${p.code}//# sourceURL=sentinel-init/${p.id}.js\n` : p.code)).toString('base64'),
      },
    ]),
  );
  const mainExports = exported('main');
  const template = readFileSync(new URL('./runtime.js', import.meta.url), 'utf8');
  const runtime = [
    ...mainExports.map((f, i) => `import * as r${i} from ${JSON.stringify(f)};`),
    template
      .replace('const T = __CHUNKS__;', () => `const T = ${JSON.stringify(table)};`)
      .replace('const M = __HOST__;', () => `const M = {${mainExports.map((f, i) => `${JSON.stringify(key(f))}:r${i}`).join(',')}};`),
  ].join('\n');
  entries.set('split-entry:runtime', runtime);
  const main = await run(`import "split-entry:runtime"; import ${JSON.stringify(entry)};`, 'main', undefined);
  return { code: main.code, parts: parts.map((p) => ({ id: p.id, deps: p.deps, format: p.format === 'c' ? 'cjs' : 'esm', bytes: p.code.length, stored: table[p.id].c.length })) };
}
