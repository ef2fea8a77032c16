// Builds dist/cli.js: one minified ESM file. Unbundled, Ink alone takes ~0.7 s to import here;
// bundled, the whole CLI starts in a fraction of that (see docs in README, "Performance").
import { build } from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli.js',
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
  banner: {
    js: "#!/usr/bin/env node\nimport{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
  },
  // Ink imports react-devtools-core only when DEV is set; marking it external would leave an
  // import that crashes at load, so replace it with an empty module.
  plugins: [
    {
      name: 'stub-devtools',
      setup(b) {
        b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'devtools-stub', namespace: 'stub' }));
        b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default {}', loader: 'js' }));
      },
    },
  ],
  metafile: true,
  logLevel: 'warning',
});
chmodSync('dist/cli.js', 0o755);
