/**
 * One credential resolver for both faces, on the SDK's own providers.
 * MINIMAL VERSION — issue 4 (credentials) completes MFA, error sentences and the rest.
 */
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { MfaCodeProvider } from './types.js';

export interface CredentialRequest {
  /** undefined: the default chain (environment, shared files, SSO, container, instance). */
  profile?: string;
  mfaCodeProvider?: MfaCodeProvider;
}

/** A memoised provider; nothing is resolved until a call needs credentials. */
export async function credentialProvider(request: CredentialRequest): Promise<AwsCredentialIdentityProvider> {
  const { fromIni, fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
  return request.profile
    ? fromIni({ profile: request.profile, mfaCodeProvider: request.mfaCodeProvider })
    : fromNodeProviderChain({ mfaCodeProvider: request.mfaCodeProvider });
}
