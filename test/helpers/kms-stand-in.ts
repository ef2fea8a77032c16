/**
 * A tiny KMS on loopback for the tests: DescribeKey only (the one KMS call sentinel-init makes),
 * answering for a fixed set of test keys with the shapes of the KMS API reference (KeyMetadata;
 * NotFoundException for anything else). Point the tool at it with AWS_ENDPOINT_URL_KMS. It records
 * each call and the service and region the request was signed for.
 */
import { createServer } from 'node:http';

export interface TestKey {
  id: string;
  aliases: string[];
  state: 'Enabled' | 'Disabled' | 'PendingDeletion';
  spec: 'SYMMETRIC_DEFAULT' | 'RSA_2048';
  manager: 'CUSTOMER' | 'AWS';
}

export const ACCOUNT = '123456789012';

/** The test keys, by what each is for. */
export const KEYS = {
  tables: { id: '1111aaaa-11aa-11aa-11aa-111111aaaaaa', aliases: ['alias/sentinel-tables'], state: 'Enabled', spec: 'SYMMETRIC_DEFAULT', manager: 'CUSTOMER' },
  other: { id: '2222bbbb-22bb-22bb-22bb-222222bbbbbb', aliases: ['alias/sentinel-other'], state: 'Enabled', spec: 'SYMMETRIC_DEFAULT', manager: 'CUSTOMER' },
  disabled: { id: '3333cccc-33cc-33cc-33cc-333333cccccc', aliases: ['alias/sentinel-disabled'], state: 'Disabled', spec: 'SYMMETRIC_DEFAULT', manager: 'CUSTOMER' },
  deleting: { id: '4444dddd-44dd-44dd-44dd-444444dddddd', aliases: ['alias/sentinel-deleting'], state: 'PendingDeletion', spec: 'SYMMETRIC_DEFAULT', manager: 'CUSTOMER' },
  rsa: { id: '5555eeee-55ee-55ee-55ee-555555eeeeee', aliases: ['alias/sentinel-rsa'], state: 'Enabled', spec: 'RSA_2048', manager: 'CUSTOMER' },
  awsManaged: { id: '6666ffff-66ff-66ff-66ff-666666ffffff', aliases: ['alias/aws/s3'], state: 'Enabled', spec: 'SYMMETRIC_DEFAULT', manager: 'AWS' },
} satisfies Record<string, TestKey>;

/** The key ARN of a test key in `region`. */
export const keyArn = (key: TestKey, region: string) => `arn:aws:kms:${region}:${ACCOUNT}:key/${key.id}`;

/** The test key `keyId` names in `region` (key ID, key ARN, alias name or alias ARN), if any. */
export function findKey(keyId: string, region: string): TestKey | undefined {
  return Object.values(KEYS).find((k: TestKey) => k.id === keyId || keyArn(k, region) === keyId || k.aliases.some((a) => a === keyId || `arn:aws:kms:${region}:${ACCOUNT}:${a}` === keyId));
}

export interface KmsStandIn {
  endpoint: string;
  /** Operations called, in order (e.g. ['DescribeKey']). */
  calls(): string[];
  /** `service/region` from each request's SigV4 credential scope. */
  signedFor(): string[];
  stop(): Promise<void>;
}

function metadata(key: TestKey, region: string): Record<string, unknown> {
  return {
    AWSAccountId: ACCOUNT,
    KeyId: key.id,
    Arn: keyArn(key, region),
    CreationDate: 1_700_000_000,
    Enabled: key.state === 'Enabled',
    Description: '',
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeyState: key.state,
    Origin: 'AWS_KMS',
    KeyManager: key.manager,
    CustomerMasterKeySpec: key.spec,
    KeySpec: key.spec,
    EncryptionAlgorithms: key.spec === 'SYMMETRIC_DEFAULT' ? ['SYMMETRIC_DEFAULT'] : ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'],
    MultiRegion: false,
    ...(key.state === 'PendingDeletion' && { DeletionDate: 1_800_000_000, PendingDeletionWindowInDays: 7 }),
  };
}

/** Starts the stand-in for keys in `region`. */
export async function startKmsStandIn(region: string): Promise<KmsStandIn> {
  const calls: string[] = [];
  const signed: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const op = String(req.headers['x-amz-target'] ?? '').replace('TrentService.', '');
      calls.push(op);
      const scope = /Credential=[^/]+\/\d+\/([^/]+)\/([^/]+)\//.exec(String(req.headers.authorization ?? ''));
      signed.push(scope ? `${scope[2]}/${scope[1]}` : 'unsigned');
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': `kms-${calls.length}` });
        res.end(JSON.stringify(body));
      };
      if (op !== 'DescribeKey') return answer(400, { __type: 'UnsupportedOperationException', message: `${op} is not implemented by the test stand-in` });
      const keyId = String((JSON.parse(Buffer.concat(chunks).toString() || '{}') as { KeyId?: unknown }).KeyId ?? '');
      const key = findKey(keyId, region);
      if (!key) {
        const what = keyId.includes('alias/') ? `Alias ${keyId.startsWith('arn:') ? keyId : `arn:aws:kms:${region}:${ACCOUNT}:${keyId}`} is not found.` : `Key '${keyId}' does not exist`;
        return answer(400, { __type: 'NotFoundException', message: what });
      }
      return answer(200, { KeyMetadata: metadata(key, region) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls: () => [...calls],
    signedFor: () => [...signed],
    stop: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
