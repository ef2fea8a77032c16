// Builds dist/: the package's bin `dist/cli.js` and the chunks it loads, with esbuild's own code
// splitting. Every `await import('…')` in src/ starts a chunk that is read only when its branch runs:
// `--version` never parses the wizard (Ink, React, yoga) or the AWS SDK, a headless run never loads
// Ink, and the wizard draws before the SDK loads (test/build/bundle.test.ts holds all of this).
// dist/cli.js itself is src/cli/bin.ts: it turns on Node's compile cache (Node >= 22.1) and, under
// DEBUG, source-mapped stack traces, before the rest loads. README, "Performance", has the figures.
import { build } from 'esbuild';
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { patches } from './build/patches.mjs';
import { precomputedPartition } from './build/regions.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

rmSync(`${root}dist`, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/bin.ts' },
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
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
  // signal-exit and other CommonJS dependencies call require(): give every ESM chunk one.
  banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
  // SKIP_PATCH=name builds without one patch, to measure what it is worth with `npm run bench`.
  plugins: [...patches.filter((p) => p.name !== process.env.SKIP_PATCH), await precomputedPartition(root)],
  logLevel: 'warning',
});
if (result.errors.length > 0) process.exit(1);
chmodSync(`${root}dist/cli.js`, 0o755);
