/**
 * A loopback stand-in for STS (awsQuery protocol: form-encoded POST in, XML out), pointed at with
 * AWS_ENDPOINT_URL_STS. It answers AssumeRole (optionally demanding an MFA code) and
 * GetCallerIdentity, and refuses listed keys the way the real service does.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StsCall {
  action: string;
  accessKeyId: string;
  /** The region in the request's SigV4 credential scope. */
  region: string;
  params: Record<string, string>;
}

export interface StsStubOptions {
  /** Account for callers with long-term keys; default 123456789012. */
  account?: string;
  /** Caller ARN for long-term keys; default arn:aws:iam::<account>:user/tester. */
  arn?: string;
  /** Partition used in the assumed-role ARN; default taken from `arn`. */
  partition?: string;
  /** The one TokenCode AssumeRole accepts when a SerialNumber is sent. */
  mfaCode?: string;
  /** Role ARNs whose trust policy demands MFA: AssumeRole without a right code is AccessDenied. */
  mfaRoles?: string[];
  /** Access keys answered with InvalidClientTokenId. */
  invalidKeys?: string[];
  /** Access keys answered with ExpiredToken. */
  expiredKeys?: string[];
  /** GetCallerIdentity answers 200 with an empty result (no Account, no Arn), as a broken proxy might. */
  emptyIdentity?: boolean;
  /** Every call fails with this status and error code (e.g. 500 InternalFailure, 400 Throttling). */
  failWith?: { status: number; code: string };
}

export interface StsStub {
  url: string;
  calls: StsCall[];
  close(): Promise<void>;
}

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

function errorXml(code: string, message: string): string {
  return `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>stub</RequestId></ErrorResponse>`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the stub on 127.0.0.1 with a free port. */
export async function startStsStub(options: StsStubOptions = {}): Promise<StsStub> {
  const account = options.account ?? '123456789012';
  const arn = options.arn ?? `arn:aws:iam::${account}:user/tester`;
  const partition = options.partition ?? arn.split(':')[1] ?? 'aws';
  const issued = new Map<string, string>(); // access key -> assumed-role ARN
  const calls: StsCall[] = [];
  let serial = 0;

  const reply = (res: ServerResponse, status: number, xml: string): void => {
    res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': 'stub' });
    res.end(xml);
  };

  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const params = Object.fromEntries(new URLSearchParams(body));
      const auth = req.headers.authorization ?? '';
      const scope = /Credential=([^/]+)\/\d+\/([^/]+)\//.exec(auth);
      const accessKeyId = scope?.[1] ?? '';
      const action = params.Action ?? '';
      calls.push({ action, accessKeyId, region: scope?.[2] ?? '', params });
      if (options.failWith) return reply(res, options.failWith.status, errorXml(options.failWith.code, `stub says ${options.failWith.code}`));
      if (options.invalidKeys?.includes(accessKeyId)) {
        return reply(res, 403, errorXml('InvalidClientTokenId', 'The security token included in the request is invalid.'));
      }
      if (options.expiredKeys?.includes(accessKeyId)) {
        return reply(res, 400, errorXml('ExpiredToken', 'The security token included in the request is expired'));
      }
      if (action === 'GetCallerIdentity' && options.emptyIdentity) {
        return reply(res, 200, `<GetCallerIdentityResponse xmlns="${NS}"><GetCallerIdentityResult></GetCallerIdentityResult><ResponseMetadata><RequestId>stub</RequestId></ResponseMetadata></GetCallerIdentityResponse>`);
      }
      if (action === 'GetCallerIdentity') {
        const callerArn = issued.get(accessKeyId) ?? arn;
        const callerAccount = callerArn.split(':')[4] ?? account;
        return reply(res, 200, `<GetCallerIdentityResponse xmlns="${NS}"><GetCallerIdentityResult><Arn>${callerArn}</Arn><UserId>AIDASTUB</UserId><Account>${callerAccount}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>stub</RequestId></ResponseMetadata></GetCallerIdentityResponse>`);
      }
      if (action === 'AssumeRole') {
        const demandsMfa = options.mfaRoles?.includes(params.RoleArn ?? '') ?? false;
        if ((demandsMfa || params.SerialNumber) && (!params.SerialNumber || params.TokenCode !== options.mfaCode)) {
          return reply(res, 403, errorXml('AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code.'));
        }
        const roleArn = params.RoleArn ?? '';
        const roleAccount = roleArn.split(':')[4] || account;
        const roleName = roleArn.split('/').pop() ?? 'role';
        const session = params.RoleSessionName ?? 'session';
        const key = `ASIASTUB${String(++serial).padStart(8, '0')}`;
        const assumedArn = `arn:${partition}:sts::${roleAccount}:assumed-role/${roleName}/${session}`;
        issued.set(key, assumedArn);
        const expiration = new Date(Date.now() + 3600_000).toISOString();
        return reply(res, 200, `<AssumeRoleResponse xmlns="${NS}"><AssumeRoleResult><Credentials><AccessKeyId>${key}</AccessKeyId><SecretAccessKey>stubsecret${serial}</SecretAccessKey><SessionToken>stubtoken${serial}</SessionToken><Expiration>${expiration}</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROASTUB:${session}</AssumedRoleId><Arn>${assumedArn}</Arn></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>stub</RequestId></ResponseMetadata></AssumeRoleResponse>`);
      }
      return reply(res, 400, errorXml('InvalidAction', `Could not find operation ${action}`));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
