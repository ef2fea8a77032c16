// The wizard's floor: an Ink hello world, bundled the way scripts/build.mjs bundles the wizard (the
// same esbuild options, Ink patches and built-in modules), so the ratio to it is what our own code
// adds to Ink's start.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundleOptions, bundlePlugins } from '../build/options.mjs';

export const INK_HELLO_READY = /Hello from Ink/;

/** Builds the hello world into a temporary folder; returns its path. */
export async function buildInkHello(root) {
  // .mjs: a .js file outside a package with "type": "module" costs Node a failed CommonJS parse first.
  const out = join(mkdtempSync(join(tmpdir(), 'bench-ink-hello-')), 'hello.mjs');
  await build({
    ...bundleOptions,
    stdin: { contents: "import { render, Text } from 'ink';\nrender(<Text>Hello from Ink</Text>);\n", loader: 'tsx', resolveDir: root },
    absWorkingDir: root,
    outfile: out,
    plugins: bundlePlugins(),
  });
  return out;
}
