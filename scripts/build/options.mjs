// The esbuild options every output shares: dist/'s three builds, and the bench's Ink hello world
// (scripts/bench/ink-hello.mjs), which must be bundled exactly as the wizard is to be its floor.
import { builtins, requireBanner } from './builtins.mjs';
import { patches } from './patches.mjs';

export const bundleOptions = {
  bundle: true,
  format: 'esm', // splitting needs ESM; yoga-layout's top-level await does too
  platform: 'node',
  target: 'node20',
  // The SDK's ESM builds: esbuild drops what src does not use (CommonJS `main` it cannot shake).
  mainFields: ['module', 'main'],
  minify: true,
  legalComments: 'none',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
  // signal-exit and other CommonJS dependencies call require(), and so do the built-ins' modules
  // (scripts/build/builtins.mjs): every file gets one.
  banner: { js: requireBanner },
};

/** The dependency patches (SKIP_PATCH=name leaves one out, to measure it) and the built-ins plugin. */
export const bundlePlugins = () => [...patches.filter((p) => p.name !== process.env.SKIP_PATCH), builtins];
