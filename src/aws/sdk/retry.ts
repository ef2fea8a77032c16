/** Smithy's standard retry strategy (wrapped by ../http.ts to leave LimitExceeded to the engine). */
export { StandardRetryStrategy } from '@smithy/core/retry';
