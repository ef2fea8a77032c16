/** The names --output takes, as plain data: the flag parser needs them without loading the renderers. */

export type IacFormat = 'terraform' | 'cloudformation';

/** What --output prints: a format, or the template a CloudFormation resource import needs first. */
export type IacOutput = IacFormat | 'cloudformation-import';

export const IAC_OUTPUTS: readonly IacOutput[] = ['terraform', 'cloudformation', 'cloudformation-import'];

export function isIacOutput(value: string): value is IacOutput {
  return (IAC_OUTPUTS as readonly string[]).includes(value);
}
