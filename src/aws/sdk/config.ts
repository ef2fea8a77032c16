/** Smithy's shared-config loader, the one the SDK's credential providers read profiles with. */
export { loadSharedConfigFiles } from '@smithy/core/config';
