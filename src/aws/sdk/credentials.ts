/** The SDK's credential providers: a named profile, or the default chain. */
export { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
