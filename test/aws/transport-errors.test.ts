/**
 * The one sentence a run ends with when the network, a proxy or the service is the problem: which
 * endpoint, what went wrong, and the setting to check. Errors arrive as Node, undici and the SDK
 * shape them (a code on a cause two levels down, a TimeoutError, a bare HTTP status).
 */
import { describe, expect, it } from 'vitest';
import { errorName, isTransient, isUnreachable, lostAnswer, mayHaveHappened, transportErrorToCli } from '../../src/aws/transport-errors.js';

const DEFAULT = { service: 'DynamoDB', endpoint: 'https://dynamodb.eu-west-1.amazonaws.com', operation: 'DescribeTable', custom: false };
const CUSTOM = { ...DEFAULT, endpoint: 'http://127.0.0.1:8000', custom: true };
const withCode = (code: string) => Object.assign(new Error(`connect ${code}`), { code });
/** An SDK error wrapping `inner` two levels down, as smithy and undici nest them. */
const wrapped = (inner: unknown) => Object.assign(new Error('fetch failed'), { cause: Object.assign(new Error('socket'), { cause: inner }) });
const said = (error: unknown, ctx = DEFAULT) => {
  const e = transportErrorToCli(error, ctx);
  return e && `${e.message} | ${e.hint}`;
};

describe('unreachable endpoints', () => {
  it('refused: on a custom endpoint, nothing listens (DynamoDB Local not running?); on AWS, the network', () => {
    expect(said(withCode('ECONNREFUSED'), CUSTOM)).toBe(
      'Could not reach DynamoDB at http://127.0.0.1:8000 (ECONNREFUSED). | Nothing listens there: check --endpoint-url or AWS_ENDPOINT_URL*, and that the service (DynamoDB Local?) is running.',
    );
    expect(said(withCode('ECONNREFUSED'))).toBe('Could not reach DynamoDB at https://dynamodb.eu-west-1.amazonaws.com (ECONNREFUSED). | Check the network connection and any proxy settings.');
  });

  it('a name that does not resolve, now or for a while: the setting it came from', () => {
    expect(said(withCode('ENOTFOUND'))).toMatch(/\| The host name does not resolve: check the region and the DNS or proxy settings\.$/);
    expect(said(withCode('EAI_AGAIN'), CUSTOM)).toMatch(/\| The host name does not resolve: check --endpoint-url or AWS_ENDPOINT_URL\* and the DNS or proxy settings\.$/);
  });

  it('no answer in time, found through the causes (a TimeoutError counts as ETIMEDOUT)', () => {
    expect(said(wrapped(Object.assign(new Error('timed out'), { name: 'TimeoutError' })))).toBe(
      'Could not reach DynamoDB at https://dynamodb.eu-west-1.amazonaws.com (ETIMEDOUT). | No complete answer came in time: a wrong region or endpoint, a proxy or a firewall are the usual causes.',
    );
    expect(said(wrapped(withCode('ETIMEDOUT')), CUSTOM)).toMatch(/a wrong --endpoint-url, a proxy/);
  });

  it('TLS: plain HTTP spoken to https, or a certificate not trusted', () => {
    expect(said(withCode('EPROTO'), CUSTOM)).toMatch(/\| It does not speak TLS: use http:\/\/ for a plain-HTTP endpoint such as DynamoDB Local\.$/);
    expect(said(wrapped(withCode('SELF_SIGNED_CERT_IN_CHAIN')), CUSTOM)).toMatch(/Its TLS certificate is not trusted \(SELF_SIGNED_CERT_IN_CHAIN\)/);
  });

  it('which errors are worth another try: dropped connections and 5xx, not TLS; lost answers may have happened', () => {
    expect(isTransient(withCode('ECONNRESET'))).toBe(true);
    expect(isTransient({ name: 'Weird', $metadata: { httpStatusCode: 500 } })).toBe(true);
    expect(isTransient({ name: 'Weird', $metadata: { httpStatusCode: 499 } })).toBe(false);
    expect(isTransient(withCode('CERT_HAS_EXPIRED'))).toBe(false);
    expect(isUnreachable(withCode('CERT_HAS_EXPIRED'))).toBe(true);
    expect(isUnreachable(new Error('ValidationException'))).toBe(false);
    expect(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNABORTED'].every((c) => lostAnswer(withCode(c)))).toBe(true);
    expect(lostAnswer(withCode('ECONNREFUSED'))).toBe(false);
  });

  it('a change was surely not made only when AWS refused it at the first attempt or no connection was made', () => {
    const refused = { name: 'AccessDeniedException', $fault: 'client', $metadata: { httpStatusCode: 400, attempts: 1 } };
    expect(mayHaveHappened(refused)).toBe(false);
    expect(mayHaveHappened(withCode('ECONNREFUSED'))).toBe(false);
    expect(mayHaveHappened(withCode('CERT_HAS_EXPIRED'))).toBe(false);
    // A refusal after an attempt whose answer was lost (the SDK retried): the first one may have been done.
    expect(mayHaveHappened({ ...refused, $metadata: { httpStatusCode: 400, attempts: 2 } })).toBe(true);
    expect(mayHaveHappened(withCode('ECONNRESET'))).toBe(true);
    // A cut-off or foreign body on a 200: DynamoDB answered, but what it said is unknown.
    expect(mayHaveHappened(Object.assign(new SyntaxError('Unexpected end of JSON input'), { $metadata: { httpStatusCode: 200 } }))).toBe(true);
    expect(mayHaveHappened({ name: 'InternalServerError', $fault: 'server', $metadata: { httpStatusCode: 500 } })).toBe(true);
  });
});

describe('answers that are not the service\'s, and the service refusing', () => {
  it('an abort is not a transport failure: the caller says it was interrupted', () => {
    expect(transportErrorToCli(Object.assign(new Error('aborted'), { name: 'AbortError', code: 'ECONNRESET' }), DEFAULT)).toBeUndefined();
  });

  it('HTML or broken JSON from a proxy: says a proxy or portal is in the way', () => {
    expect(said(Object.assign(new Error('x'), { name: 'SyntaxError' }))).toBe(
      'DynamoDB at https://dynamodb.eu-west-1.amazonaws.com answered DescribeTable with something that is not an AWS answer (HTML or broken JSON/XML). | A proxy or a captive portal is probably in the way: check the network, HTTPS_PROXY, and --endpoint-url / AWS_ENDPOINT_URL*.',
    );
  });

  it('throttling and server errors that outlasted the retries, by name or by HTTP status alone', () => {
    expect(said({ name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } })).toBe('DynamoDB kept throttling DescribeTable (ThrottlingException). | Try again in a few minutes.');
    expect(said({ $metadata: { httpStatusCode: 429 } })).toBe('DynamoDB kept throttling DescribeTable (HTTP 429). | Try again in a few minutes.');
    expect(said({ name: 'InternalServerError', $metadata: { httpStatusCode: 400 } })).toMatch(/^DynamoDB kept failing DescribeTable with a server error \(InternalServerError\)\./);
    expect(said({ $metadata: { httpStatusCode: 503 } })).toMatch(/^DynamoDB kept failing DescribeTable with a server error \(HTTP 503\)\./);
  });

  it('an AWS error this tool has no sentence for: which service refused which call, with its message\'s first line', () => {
    expect(said({ name: 'SomethingNewException', message: 'The new thing.\nDetails', $metadata: { httpStatusCode: 400 } })).toBe(
      'DynamoDB refused DescribeTable: SomethingNewException: The new thing. | Run again with --debug (or DEBUG=1) to see each AWS call and its answer.',
    );
    expect(said({ $metadata: { httpStatusCode: 418 } })).toBe('DynamoDB refused DescribeTable: HTTP 418. | Run again with --debug (or DEBUG=1) to see each AWS call and its answer.');
    // Not from the service at all (no HTTP status): left to the caller.
    expect(transportErrorToCli(new Error('something else'), DEFAULT)).toBeUndefined();
    expect(transportErrorToCli('a string', DEFAULT)).toBeUndefined();
  });

  it('the error\'s name: AWS\'s Code, else its name, else Node\'s code; never the generic "Error"', () => {
    expect(errorName({ Code: 'NoSuchKey', name: 'Error' })).toBe('NoSuchKey');
    expect(errorName(new Error('plain'))).toBe('');
    expect(errorName(withCode('ECONNRESET'))).toBe('ECONNRESET');
    expect(errorName(undefined)).toBe('');
    expect(errorName('text')).toBe('');
  });
});
