import { expect, it } from 'vitest';
import { redact } from '../../src/core/text.js';

// redact skips text without any of the words its patterns need: each pattern still matches, in any case.
it.each([
  ['http://user:pw@host/x', 'http://user:***@host/x'],
  ['HTTPS://User:Pw@Host', 'HTTPS://User:***@Host'],
  ['vault --token=s.abc123 read', 'vault --token=*** read'],
  ['tool --API-KEY=xyz', 'tool --API-KEY=***'],
  ['tool --apikey=xyz', 'tool --apikey=***'],
  ['tool --Credential-File=/x', 'tool --Credential-File=***'],
  ['tool --passwd hunter2', 'tool --passwd ***'],
  ['tool --Password hunter2', 'tool --Password ***'],
  ['tool --client-secret s3cr3t', 'tool --client-secret ***'],
  ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', 'aws_secret_access_key = ***'],
  ['"SessionToken": "IQoJb3JpZ2luX2VjEMPLEexample1234"', '"SessionToken": "***"'],
  ['X-Amz-Security-Token: IQoJb3JpZ2luX2VjEMPLEexample1234', 'X-Amz-Security-Token: ***'],
])('redacts %s', (text, expected) => {
  expect(redact(text)).toBe(expected);
});

it('leaves text without credentials as it was, placeholders included', () => {
  for (const text of ['0.1.0\n', '{"Action":["dynamodb:GetItem"],"Resource":"arn:aws:dynamodb:eu-west-1:*:table/t"}', 'aws_session_token = ...']) {
    expect(redact(text)).toBe(text);
  }
});
