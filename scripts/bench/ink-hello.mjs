// The wizard's floor: an Ink hello world, bundled the way scripts/build.mjs bundles the wizard (the
// same esbuild options, Ink patches and built-in modules), so the ratio to it is what our own code
// adds to Ink's start.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { builtins, requireBanner } from '../build/builtins.mjs';
import { patches } from '../build/patches.mjs';

export const INK_HELLO_READY = /Hello from Ink/;

/** Builds the hello world into a temporary folder; returns its path. */
export async function buildInkHello(root) {
  // .mjs: a .js file outside a package with "type": "module" costs Node a failed CommonJS parse first.
  const out = join(mkdtempSync(join(tmpdir(), 'bench-ink-hello-')), 'hello.mjs');
  await build({
    stdin: { contents: "import { render, Text } from 'ink';\nrender(<Text>Hello from Ink</Text>);\n", loader: 'tsx', resolveDir: root },
    absWorkingDir: root,
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    mainFields: ['module', 'main'],
    minify: true,
    legalComments: 'none',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    banner: { js: requireBanner },
    plugins: [...patches, builtins],
    logLevel: 'warning',
  });
  return out;
}
