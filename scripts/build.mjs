// Builds dist/cli.js: one minified ESM file, the package's bin. Unbundled, Ink alone takes ~0.7 s to
// import here; one plain bundle still makes `--version` parse ~1 MB. So the heavy branches (wizard,
// headless run, local demo, AWS SDK) are bundled apart and stored as strings in the same file, parsed
// only when their branch runs (scripts/build/split.mjs). SENTINEL_BUILD=plain gives one plain bundle,
// for comparison in the bench. README, "Performance", has the figures.
import { build } from 'esbuild';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSplit } from './build/split.mjs';

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));

/**
 * Replaces each [pattern, replacement] in files matching `filter` (and, with `when`, whose text matches
 * it); warns when a pattern no longer matches, so a dependency update cannot silently undo a patch.
 */
function patch(name, filter, edits, when) {
  return {
    name,
    setup(b) {
      b.onLoad({ filter }, (args) => {
        let text = readFileSync(args.path, 'utf8');
        if (when && !when.test(text)) return undefined;
        const warnings = [];
        for (const [pattern, replacement] of edits) {
          const next = text.replace(pattern, () => replacement);
          if (next === text) warnings.push({ text: `${name}: ${pattern} not found in ${args.path}` });
          text = next;
        }
        return { contents: text, loader: 'js', warnings };
      });
    },
  };
}


const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm', // yoga-layout uses top-level await: CJS output fails
  minify: true,
  legalComments: 'none',
  jsx: 'automatic',
  define: {
    'process.env.NODE_ENV': '"production"',
    __VERSION__: JSON.stringify(pkg.version),
  },
  // signal-exit and other CJS deps call require(): give the ESM bundle one.
  banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
  // Ink imports its devtools (react-devtools-core, ws: ~50 KB to parse) only when DEV is set; marking
  // them external would leave an import that crashes at load, so replace them with an empty module.
  plugins: [
    {
      name: 'stub-devtools',
      setup(b) {
        b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'devtools-stub', namespace: 'stub' }));
        b.onResolve({ filter: /^\.\/devtools\.js$/ }, (args) => (/[\\/]node_modules[\\/]ink[\\/]/.test(args.importer) ? { path: 'devtools-stub', namespace: 'stub' } : undefined));
        b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default {}', loader: 'js' }));
      },
    },
    {
      // Yoga's emscripten loader fetch()es its own embedded wasm when fetch exists: on Node that loads
      // undici (~15 ms before the wizard's first screen) only to decode a data: URL. Without fetch it
      // decodes the bytes directly.
      name: 'yoga-no-fetch',
      setup(b) {
        b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/][^\\/]+\.js$/ }, (args) => {
          const text = readFileSync(args.path, 'utf8');
          const patched = text.replaceAll('typeof fetch', 'typeof undefined');
          const warnings = patched === text ? [{ text: 'yoga-no-fetch: no `typeof fetch` found; the wizard may start slower' }] : [];
          return { contents: patched, loader: 'js', warnings };
        });
      },
    },
  ],
  logLevel: 'warning',
};

// string-width (Ink measures every non-ASCII line with it) compiles /^\p{RGI_Emoji}$/v when it
// loads: 12 ms before the wizard's first screen, because esbuild turns the literal into an eager
// `new RegExp` for node20. Every RGI emoji contains a code point with the Emoji property, so a cheap
// \p{Emoji} test first gives the same answers and compiles the big one only when an emoji shows up.
common.plugins.push(
  patch(
    'string-width-lazy-emoji',
    /[\\/]node_modules[\\/]string-width[\\/]index\.js$/,
    [
      [
        'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
        "const emojiFirst = /\\p{Emoji}/u; let rgiEmojiFull; const rgiEmojiRegex = { test: (s) => emojiFirst.test(s) && (rgiEmojiFull ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v')).test(s) };",
      ],
    ],
    /const rgiEmojiRegex =/,
  ),
);

// Chunks without top-level await are CommonJS, evaluated from a string by vm with no data: URL to
// parse (~18 ms less before the wizard's first screen). Ink's only top-level awaits: yoga's wasm
// (now a promise the chunk loader waits for before the chunk is used) and two DEV-only imports.
// Should a pattern stop matching, the build warns and that chunk simply stays ESM.
const G = 'globalThis.__sentinelInit';
const chunkPlugins = [
  patch('yoga-no-tla', /yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/, [
    [/const Yoga = wrapAssembly\(await loadYoga\(\)\);/, `const Yoga = {}; ${G}.pending.push(loadYoga().then((m) => Object.assign(Yoga, wrapAssembly(m))));`],
  ]),
  patch('ink-no-tla', /[\\/]ink[\\/]build[\\/]reconciler\.js$/, [
    [/await import\('\.\/devtools\.js'\);/, 'void 0;'],
    [/\?\s*await loadPackageJson\(\)/, '? {}'],
  ]),
];

const entry = `${root}/src/cli.ts`;
let code;
if (process.env.SENTINEL_BUILD === 'plain') {
  const out = await build({ ...common, entryPoints: [entry], write: false, outdir: 'out' });
  code = out.outputFiles[0].text;
} else {
  const out = await buildSplit({ root, entry, common, chunkPlugins });
  code = out.code;
  if (process.env.SENTINEL_BUILD_VERBOSE) for (const p of out.parts) process.stderr.write(`${p.id} (${p.format}): ${Math.round(p.bytes / 1024)} KB, stored as ${Math.round(p.stored / 1024)} KB${p.deps.length ? ` (needs ${p.deps})` : ''}\n`);
}
mkdirSync(`${root}/dist`, { recursive: true });
writeFileSync(`${root}/dist/cli.js`, `#!/usr/bin/env node\n${code}`);
chmodSync(`${root}/dist/cli.js`, 0o755);
