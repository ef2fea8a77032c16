/** A Lambda function as `doctor --function` takes it: a name, a partial ARN or a full ARN (the forms Lambda accepts). */

const NAME = '[a-zA-Z0-9_-]{1,64}(:(\\$LATEST|[a-zA-Z0-9_-]{1,128}))?';
const FULL = new RegExp(`^arn:(aws[a-z-]*):lambda:([a-z0-9-]+):(\\d{12}):function:${NAME}$`);
const PARTIAL = new RegExp(`^\\d{12}:function:${NAME}$`);
const PLAIN = new RegExp(`^${NAME}$`);

/** A problem with the value, or undefined when Lambda would take it. */
export function validateFunctionRef(value: string): string | undefined {
  if (FULL.test(value) || PARTIAL.test(value) || PLAIN.test(value)) return undefined;
  return `"${value}" is not a Lambda function name or ARN (a name is 1-64 letters, digits, - and _; an ARN is arn:aws:lambda:REGION:ACCOUNT:function:NAME).`;
}

/** The region a full function ARN names; undefined for a name or a partial ARN. */
export function regionOfFunctionRef(value: string): string | undefined {
  return FULL.exec(value)?.[2];
}
