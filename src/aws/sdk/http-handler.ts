/** Smithy's Node HTTP handler, as the SDK itself uses it (bounded in time by ../http.ts). */
export { NodeHttpHandler } from '@smithy/node-http-handler';
