/** Who makes the change, said before any change in both faces (the account is what people get wrong). */
import type { Identity } from '../aws/types.js';

/** e.g. "Account 123456789012 as arn:aws:iam::…:user/alice", or why STS was not asked. */
export function identityText(identity: Identity | undefined, endpointUrl?: string): string {
  if (identity) return `Account ${identity.account} as ${identity.arn}`;
  return `Identity not checked: ${endpointUrl ? `custom endpoint ${endpointUrl}` : 'no STS call'}`;
}
