/**
 * The engine's public face: desired table, pure plan, describe, apply. Plain TypeScript, no React.
 */
export type * from './types.js';
export { desiredTable } from './desired.js';
export { plan } from './plan.js';
export { describe, unsupportedFeatures } from './describe.js';
export { apply, type ApplyOptions } from './apply.js';
export { pollDelay } from './poll.js';
export { unchangedResult } from './result.js';
