// The SDK's region table, computed at build time through its public partition() (see
// src/aws/regions.ts), so the shipped CLI answers "is this a region?" and lists regions without
// loading @aws-sdk/core/client at run time: that import pulls ~150 KB of chunks into --generate-iam
// (+24 ms, measured: 108 → 132 ms median of 40 against 85 ms for `node -e 0`).
import { build } from 'esbuild';

/** An esbuild plugin that replaces src/aws/sdk/partition.ts with a lookup over the precomputed table. */
export async function precomputedPartition(root) {
  const out = await build({ absWorkingDir: root, entryPoints: ['src/aws/regions.ts'], bundle: true, write: false, format: 'esm', platform: 'node', mainFields: ['module', 'main'], logLevel: 'silent' });
  const regions = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
  const { partition } = await import('@aws-sdk/core/client');
  const table = Object.fromEntries(regions.knownRegions(partition).map((r) => [r.id, { name: r.partition, description: r.name }]));
  if (Object.keys(table).length < 30) throw new Error(`regions: only ${Object.keys(table).length} regions found in the SDK's partition data; revisit scripts/build/regions.mjs`);
  const contents = `const T = ${JSON.stringify(table)};\nexport const partition = (id) => T[id] ?? { name: 'aws' };\n`;
  return {
    name: 'precomputed-partition',
    setup(b) {
      b.onLoad({ filter: /[\\/]src[\\/]aws[\\/]sdk[\\/]partition\.ts$/ }, () => ({ contents, loader: 'js' }));
    },
  };
}
