// Builds dist/: the package's bin `dist/cli.js` and the chunks it loads, with esbuild's own code
// splitting. Two builds. The program (src/cli/main.ts → dist/chunks/main.js) is split: every
// `await import('…')` in src/ starts a chunk that is read only when its branch runs, so a headless
// run never loads Ink, the wizard draws before the SDK loads, and --generate-iam loads neither. The
// bin (src/cli/bin.ts → dist/cli.js) is one file of its own with no splitting: it answers --version
// and --help alone without reading any chunk, and otherwise turns on Node's compile cache (Node >=
// 22.1) and, under DEBUG, source-mapped stack traces, then imports main.js. The few small modules
// both use (help text, kinds, guarded output) are in both. test/build/bundle.test.ts counts the
// files each path loads; docs/development.md, "Performance", has the figures.
import { build } from 'esbuild';
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { builtins, requireBanner } from './build/builtins.mjs';
import { patches } from './build/patches.mjs';
import { precomputedPartition } from './build/regions.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

rmSync(`${root}dist`, { recursive: true, force: true });

/** What both builds share. */
const common = {
  absWorkingDir: root,
  outdir: 'dist',
  bundle: true,
  format: 'esm', // splitting needs ESM; yoga-layout's top-level await does too
  platform: 'node',
  target: 'node20',
  // The SDK's ESM builds: esbuild drops what src does not use (CommonJS `main` it cannot shake).
  mainFields: ['module', 'main'],
  minify: true,
  legalComments: 'none',
  jsx: 'automatic',
  // Stack traces under DEBUG map back to src/ (bin.ts turns source maps on); no sources inside.
  sourcemap: 'linked',
  sourcesContent: false,
  define: {
    'process.env.NODE_ENV': '"production"',
    __VERSION__: JSON.stringify(pkg.version),
  },
  logLevel: 'warning',
  // signal-exit and other CommonJS dependencies call require(), and so do the built-ins' modules
  // (scripts/build/builtins.mjs): every file gets one.
  banner: { js: requireBanner },
};

const program = await build({
  ...common,
  entryPoints: { 'chunks/main': 'src/cli/main.ts' },
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  // SKIP_PATCH=name builds without one patch, to measure what it is worth with `npm run bench`.
  plugins: [...patches.filter((p) => p.name !== process.env.SKIP_PATCH), await precomputedPartition(root), builtins],
});

/**
 * The program and the offline face are imported by path, not bundled again: `./main.js` and
 * `./offline.js` name dist/chunks/main.js and dist/chunks/offline.js from wherever the importer lands.
 */
const externalFaces = (dir) => ({
  name: 'faces-external',
  setup(b) {
    b.onResolve({ filter: /^\.\/(main|offline)\.js$/ }, (args) => ({ path: `${dir}${args.path.slice(2)}`, external: true }));
  },
});
const plugins = (dir) => [externalFaces(dir), builtins, await_partition];
const await_partition = await precomputedPartition(root);
// The offline face (--generate-iam) is one file: its parser, region table and policies, no chunk.
const offline = await build({ ...common, entryPoints: { 'chunks/offline': 'src/cli/offline.ts' }, splitting: false, plugins: plugins('./') });
const bin = await build({ ...common, entryPoints: { cli: 'src/cli/bin.ts' }, splitting: false, plugins: plugins('./chunks/') });
if ([program, offline, bin].some((r) => r.errors.length > 0)) process.exit(1);
chmodSync(`${root}dist/cli.js`, 0o755);
