/** `t` and `c`: save the tables as Terraform or CloudFormation (plan, confirm and done screens). */
import type { Key } from 'ink';
import type { CodeFormat } from '../wizard/services.js';

const CODE_KEYS: Record<string, { format: CodeFormat; name: string }> = {
  t: { format: 'terraform', name: 'Terraform' },
  c: { format: 'cloudformation', name: 'CloudFormation' },
};

export const CODE_HINT = 't/c save as Terraform/CloudFormation';

/** The format a key asks for, or undefined. */
export function codeKey(input: string, key: Key): { format: CodeFormat; name: string } | undefined {
  return key.ctrl || key.meta ? undefined : CODE_KEYS[input];
}
