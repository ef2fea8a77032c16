import { describe, expect, it } from 'vitest';
import { dynamoErrorToCli, isTransient, regionalEndpoint } from '../../src/aws/dynamo-errors.js';
import { EXIT } from '../../src/core/errors.js';

const ctx = { operation: 'UpdateTimeToLive', table: 'sentinel-sessions', region: 'eu-west-1', kind: 'sessions' };
const sdkError = (name: string, message: string, status = 400) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

describe('dynamoErrorToCli', () => {
  it('AccessDenied names the denied action and the provisioning policy of --generate-iam, which holds it', () => {
    const denied = sdkError('AccessDeniedException', 'User: arn:aws:iam::123456789012:user/x is not authorized to perform: dynamodb:UpdateTimeToLive on resource: arn:aws:dynamodb:eu-west-1:123456789012:table/sentinel-sessions');
    const e = dynamoErrorToCli(denied, ctx);
    expect(e?.exitCode).toBe(EXIT.failure);
    expect(e?.message).toBe('AWS denied dynamodb:UpdateTimeToLive on table sentinel-sessions in eu-west-1.');
    expect(e?.hint).toBe('Attach the provisioning policy printed by `sentinel-init sessions --generate-iam provisioning --region eu-west-1 --table sentinel-sessions` to this identity, then run again.');
  });

  it('falls back to the operation when the message does not say', () => {
    expect(dynamoErrorToCli(sdkError('AccessDeniedException', 'denied'), { ...ctx, operation: 'CreateTable' })?.message).toContain('dynamodb:CreateTable');
  });

  it('unreachable endpoints name the endpoint: custom, or the regional one', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    expect(dynamoErrorToCli(refused, { ...ctx, endpointUrl: 'http://127.0.0.1:9' })?.message).toBe('Could not reach DynamoDB at http://127.0.0.1:9 (ECONNREFUSED).');
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    expect(dynamoErrorToCli(dns, ctx)?.message).toBe('Could not reach DynamoDB at https://dynamodb.eu-west-1.amazonaws.com (ENOTFOUND).');
    expect(regionalEndpoint('cn-north-1')).toBe('https://dynamodb.cn-north-1.amazonaws.com.cn');
  });

  it('invalid keys, bad signatures and expired tokens say which', () => {
    // The credentials' own sentences (one table of them, src/aws/credential-errors.ts).
    expect(dynamoErrorToCli(sdkError('UnrecognizedClientException', 'The security token included in the request is invalid.'), ctx)?.message).toMatch(/AWS rejected the access keys of the default credentials \(UnrecognizedClientException\)/);
    expect(dynamoErrorToCli(sdkError('InvalidSignatureException', 'x'), ctx)?.hint).toMatch(/aws_secret_access_key/);
    expect(dynamoErrorToCli(sdkError('ExpiredTokenException', 'x'), ctx)?.hint).toMatch(/aws sso login/);
  });

  it('validation, busy and limit errors carry DynamoDB\'s own words', () => {
    expect(dynamoErrorToCli(sdkError('ValidationException', 'One or more parameter values were invalid'), ctx)?.message).toBe(
      'DynamoDB refused UpdateTimeToLive on table sentinel-sessions in eu-west-1: One or more parameter values were invalid',
    );
    expect(dynamoErrorToCli(sdkError('ResourceInUseException', 'Table is being updated'), ctx)?.message).toMatch(/busy.*Table is being updated/);
    expect(dynamoErrorToCli(sdkError('LimitExceededException', 'Only 1 online index can be created'), ctx)?.message).toMatch(/limit reached.*Only 1 online index/);
  });

  it('a customer managed key DynamoDB cannot use is said as a key problem, not a missing DynamoDB permission', () => {
    const kmsDenied = sdkError('AccessDeniedException', 'KMS key access denied error: com.amazonaws.services.kms.model.AccessDeniedException');
    const e = dynamoErrorToCli(kmsDenied, { ...ctx, operation: 'CreateTable' });
    expect(e?.message).toBe('DynamoDB could not use the KMS key for table sentinel-sessions in eu-west-1 (CreateTable: KMS key access denied error: com.amazonaws.services.kms.model.AccessDeniedException).');
    expect(e?.hint).toBe('Let this identity use the key through DynamoDB, in the key policy and in IAM (the provisioning policy of --generate-iam provisioning with --kms-key holds the IAM part), then run again.');
    expect(dynamoErrorToCli(sdkError('ValidationException', 'The kms key is disabled'), ctx)?.message).toMatch(/^DynamoDB could not use the KMS key/);
    // A denial that is not about KMS stays a DynamoDB permission.
    expect(dynamoErrorToCli(sdkError('AccessDeniedException', 'not authorized to perform: dynamodb:DescribeTable on resource'), ctx)?.message).toBe(
      'AWS denied dynamodb:DescribeTable on table sentinel-sessions in eu-west-1.',
    );
  });

  it('says what to do for each: report a bug, wait, or check the name and region', () => {
    expect(dynamoErrorToCli(sdkError('ValidationException', '  trailing space  \n'), ctx)).toMatchObject({
      message: 'DynamoDB refused UpdateTimeToLive on table sentinel-sessions in eu-west-1: trailing space',
      hint: 'This is likely a bug in sentinel-init; run again with --debug (or DEBUG=1) and report what it prints.',
    });
    expect(dynamoErrorToCli(sdkError('ResourceInUseException', 'x'), ctx)?.hint).toBe('Wait for it to finish, then run again.');
    expect(dynamoErrorToCli(sdkError('LimitExceededException', 'x'), ctx)?.hint).toBe('Wait for running table or index operations to finish, then run again.');
    expect(dynamoErrorToCli(sdkError('ResourceNotFoundException', 'x'), { ...ctx, operation: 'DescribeTable' })).toMatchObject({
      message: 'Table sentinel-sessions does not exist in eu-west-1.',
      hint: 'Check --table and --region, or run without --plan to create it.',
    });
    // An error AWS sent that has no sentence here still names the call and the table.
    expect(dynamoErrorToCli(sdkError('BrandNewException', 'A reason.'), ctx)?.message).toBe('DynamoDB refused UpdateTimeToLive on table sentinel-sessions in eu-west-1: BrandNewException: A reason.');
  });

  it('leaves unknown errors and aborts to the caller', () => {
    expect(dynamoErrorToCli(new Error('boom'), ctx)).toBeUndefined();
    expect(dynamoErrorToCli(Object.assign(new Error('aborted'), { name: 'AbortError' }), ctx)).toBeUndefined();
    // Even one carrying a network code: the run was stopped, not cut off.
    expect(dynamoErrorToCli(Object.assign(new Error('aborted'), { name: 'AbortError', code: 'ECONNRESET' }), ctx)).toBeUndefined();
  });
});

describe('isTransient', () => {
  it('throttling, 5xx and resets are transient; denials and validation are not', () => {
    expect(isTransient(sdkError('ThrottlingException', 'x'))).toBe(true);
    expect(isTransient(sdkError('ProvisionedThroughputExceededException', 'x'))).toBe(true);
    expect(isTransient(sdkError('Whatever', 'x', 503))).toBe(true);
    expect(isTransient(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isTransient(sdkError('AccessDeniedException', 'x'))).toBe(false);
    expect(isTransient(sdkError('ValidationException', 'x'))).toBe(false);
  });
});

describe('callLimits', () => {
  it('defaults to 6 attempts of 10 s each; AWS_MAX_ATTEMPTS wins up to a cap of 10', async () => {
    const { callLimits } = await import('../../src/aws/http.js');
    expect(callLimits({})).toEqual({ maxAttempts: 6, attemptMs: 10_000, callMs: 65_000 });
    expect(callLimits({ AWS_MAX_ATTEMPTS: '2' }).maxAttempts).toBe(2);
    expect(callLimits({ AWS_MAX_ATTEMPTS: '' }).maxAttempts).toBe(6);
    expect(callLimits({ AWS_MAX_ATTEMPTS: '999999999' }).maxAttempts).toBe(10);
    expect(callLimits({ SENTINEL_INIT_REQUEST_TIMEOUT_MS: '500' })).toMatchObject({ attemptMs: 500, callMs: 8_000 });
  });

  // Changed: 'lots' and '0' were silently the default, and '1e3' silently 1 attempt (parseInt).
  it('refuses an AWS_MAX_ATTEMPTS that is not a whole number of 1 or more (exit 2), never reading 1e3 as 1', async () => {
    const { callLimits } = await import('../../src/aws/http.js');
    const { UsageError } = await import('../../src/core/errors.js');
    for (const value of ['1e3', '2.5', 'lots', '0', '-1', '3x']) {
      expect(() => callLimits({ AWS_MAX_ATTEMPTS: value }), value).toThrow(UsageError);
    }
    expect(() => callLimits({ AWS_MAX_ATTEMPTS: '1e3' })).toThrow('AWS_MAX_ATTEMPTS "1e3" is not a whole number of attempts (1 or more).');
  });
});
