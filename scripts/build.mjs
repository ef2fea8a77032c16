// Builds dist/: the package's bin `dist/cli.js` and the chunks it loads. Three esbuild builds, all
// with the options of scripts/build/options.mjs. The program (src/cli/main.ts → dist/chunks/main.js)
// is split: every `await import('…')` in src/ starts a chunk that is read only when its branch runs,
// so a headless run never loads Ink and the wizard draws before the SDK loads; every face re-exports
// src/cli/program-modules.ts so main's own modules stay one chunk. The offline face (src/cli/offline.ts
// → dist/chunks/offline.js) is one unsplit file answering --generate-iam. The bin (src/cli/bin.ts →
// dist/cli.js) is one unsplit file: it answers --version and --help alone, sends --generate-iam to
// the offline face, and otherwise turns on Node's compile cache (Node >= 22.1) and, under DEBUG,
// source-mapped stack traces, then imports main.js. The small modules they share (help text,
// kinds, the parser) are in each. test/build/bundle.test.ts counts the files each path loads;
// docs/development.md, "Performance", has the figures.
import { build } from 'esbuild';
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { builtins } from './build/builtins.mjs';
import { bundleOptions, bundlePlugins } from './build/options.mjs';
import { precomputedPartition } from './build/regions.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

rmSync(`${root}dist`, { recursive: true, force: true });

/** What the builds share. */
const common = {
  ...bundleOptions,
  absWorkingDir: root,
  outdir: 'dist',
  // Stack traces under DEBUG map back to src/ (bin.ts turns source maps on); no sources inside.
  sourcemap: 'linked',
  sourcesContent: false,
  define: { ...bundleOptions.define, __VERSION__: JSON.stringify(pkg.version) },
};

const regionTable = await precomputedPartition(root);
const program = await build({
  ...common,
  entryPoints: { 'chunks/main': 'src/cli/main.ts' },
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  plugins: [...bundlePlugins(), regionTable],
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
const plugins = (dir) => [externalFaces(dir), builtins, regionTable];
// The offline face (--generate-iam) is one file: its parser, region table and policies, no chunk.
const offline = await build({ ...common, entryPoints: { 'chunks/offline': 'src/cli/offline.ts' }, splitting: false, plugins: plugins('./') });
const bin = await build({ ...common, entryPoints: { cli: 'src/cli/bin.ts' }, splitting: false, plugins: plugins('./chunks/') });
if ([program, offline, bin].some((r) => r.errors.length > 0)) process.exit(1);
chmodSync(`${root}dist/cli.js`, 0o755);
