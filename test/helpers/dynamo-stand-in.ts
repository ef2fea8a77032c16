/**
 * A stand-in, in front of DynamoDB Local, for what DynamoDB Local does not implement (it answers
 * UnknownOperationException, or "Tagging is not currently supported in DynamoDB Local"):
 *
 * - point-in-time recovery: DescribeContinuousBackups, UpdateContinuousBackups;
 * - tags: TagResource, UntagResource, ListTagsOfResource (10 a page, to exercise NextToken), and the
 *   Tags of CreateTable;
 * - encryption as DescribeTable reports it: SSEDescription from CreateTable's and UpdateTable's
 *   SSESpecification (DynamoDB Local accepts those but reports nothing, and refuses an UpdateTable
 *   that changes only SSE with "Nothing to update").
 *
 * State is kept per table ARN; shapes and errors follow the DynamoDB API reference, including its
 * quirk that the PITR calls say TableNotFoundException where the others say
 * ResourceNotFoundException. Everything else goes to DynamoDB Local unchanged. Put the fault proxy
 * in front of it to count calls and inject failures (test/helpers/local-stack.ts does).
 */
import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import { findKey, keyArn, ACCOUNT } from './kms-stand-in.js';

type Json = Record<string, unknown>;

interface TableState {
  pitr: 'ENABLED' | 'DISABLED';
  tags: Map<string, string>;
  /** KMS key ARN DynamoDB reports; undefined: the AWS owned key (no SSEDescription). */
  kmsKeyArn?: string;
}

export interface DynamoStandIn {
  endpoint: string;
  /** What the stand-in holds for a table, by name (undefined: it has seen nothing of it). */
  table(name: string): { pitr: string; tags: Record<string, string>; kmsKeyArn?: string } | undefined;
  /** The next `times` UpdateContinuousBackups on `name` fail as right after a create, while backups are set up. */
  backupsNotYetAvailable(name: string, times: number): void;
  stop(): Promise<void>;
}

const PREFIX = 'com.amazonaws.dynamodb.v20120810#';
/** The AWS managed key aws/dynamodb's ARN in a region, as DescribeTable reports it. */
export const awsManagedKeyArn = (region: string) => `arn:aws:kms:${region}:${ACCOUNT}:key/0000aaaa-00aa-00aa-00aa-000000aaaaaa`;

/** Starts the stand-in on a free loopback port in front of `upstream` (DynamoDB Local). */
export async function startDynamoStandIn(upstream: string): Promise<DynamoStandIn> {
  const target = new URL(upstream);
  const tables = new Map<string, TableState>();
  const unavailable = new Map<string, number>();

  /** One call to DynamoDB Local with the caller's headers (its access key and region pick the database). */
  const send = (headers: IncomingHttpHeaders, op: string, body: Json) =>
    new Promise<{ status: number; body: Json; headers: IncomingHttpHeaders }>((resolve, reject) => {
      const text = JSON.stringify(body);
      const out = { ...headers, 'x-amz-target': `DynamoDB_20120810.${op}`, 'content-length': String(Buffer.byteLength(text)) };
      const req = request({ host: target.hostname, port: target.port, method: 'POST', path: '/', headers: out }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 500, body: JSON.parse(Buffer.concat(chunks).toString() || '{}') as Json, headers: res.headers }));
      });
      req.on('error', reject);
      req.end(text);
    });

  const regionOf = (headers: IncomingHttpHeaders) => /Credential=[^/]+\/\d+\/([^/]+)\//.exec(String(headers.authorization ?? ''))?.[1] ?? 'us-east-1';
  const stateOf = (arn: string) => {
    let state = tables.get(arn);
    if (!state) tables.set(arn, (state = { pitr: 'DISABLED', tags: new Map() }));
    return state;
  };
  /** The table's description from DynamoDB Local, or undefined when there is no such table. */
  const described = async (headers: IncomingHttpHeaders, name: string) => {
    const out = await send(headers, 'DescribeTable', { TableName: name });
    return out.status === 200 ? (out.body.Table as Json) : undefined;
  };
  const withSse = (table: Json): Json => {
    const key = tables.get(String(table.TableArn))?.kmsKeyArn;
    return key ? { ...table, SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: key } } : table;
  };
  /** The key ARN an SSESpecification asks for; null: the AWS owned key; a string starting with "!": refused. */
  const keyFor = (spec: Json | undefined, region: string): string | null => {
    if (!spec || spec.Enabled !== true) return null;
    if (spec.KMSMasterKeyId === undefined) return awsManagedKeyArn(region);
    const key = findKey(String(spec.KMSMasterKeyId), region);
    return key ? keyArn(key, region) : `!KMS key ${String(spec.KMSMasterKeyId)} does not exist in ${region}`;
  };
  const backups = (state: TableState): Json => ({
    ContinuousBackupsDescription: {
      ContinuousBackupsStatus: 'ENABLED',
      PointInTimeRecoveryDescription:
        state.pitr === 'ENABLED'
          ? { PointInTimeRecoveryStatus: 'ENABLED', RecoveryPeriodInDays: 35, EarliestRestorableDateTime: Date.now() / 1000 - 60, LatestRestorableDateTime: Date.now() / 1000 - 300 }
          : { PointInTimeRecoveryStatus: 'DISABLED' },
    },
  });
  const tableOfArn = (arn: string) => /:table\/([^/]+)$/.exec(arn)?.[1] ?? '';

  /** Answers the operations it implements; undefined: forward to DynamoDB Local. */
  async function handle(op: string, body: Json, headers: IncomingHttpHeaders): Promise<{ status: number; body: Json } | 'forward'> {
    const error = (type: string, message: string) => ({ status: 400, body: { __type: PREFIX + type, message } });
    const region = regionOf(headers);
    switch (op) {
      case 'DescribeContinuousBackups':
      case 'UpdateContinuousBackups': {
        const name = String(body.TableName ?? '');
        const table = await described(headers, name);
        if (!table) return error('TableNotFoundException', `Table not found: ${name}`);
        const state = stateOf(String(table.TableArn));
        if (op === 'UpdateContinuousBackups') {
          const spec = body.PointInTimeRecoverySpecification as Json | undefined;
          if (typeof spec?.PointInTimeRecoveryEnabled !== 'boolean') return error('ValidationException', 'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled is required');
          const left = unavailable.get(name) ?? 0;
          if (left > 0) {
            unavailable.set(name, left - 1);
            return error('ContinuousBackupsUnavailableException', `Backups are being enabled for the table: ${name}. Please retry later`);
          }
          state.pitr = spec.PointInTimeRecoveryEnabled ? 'ENABLED' : 'DISABLED';
        }
        return { status: 200, body: backups(state) };
      }
      case 'TagResource':
      case 'UntagResource':
      case 'ListTagsOfResource': {
        const arn = String(body.ResourceArn ?? '');
        const table = await described(headers, tableOfArn(arn));
        if (!table || table.TableArn !== arn) return error('ResourceNotFoundException', `Requested resource not found: ResourcArn: ${arn} not found`);
        const state = stateOf(arn);
        if (op === 'TagResource') {
          const tags = (body.Tags as { Key?: string; Value?: string }[] | undefined) ?? [];
          const bad = tags.find((t) => !t.Key || t.Key.length > 128 || (t.Value ?? '').length > 256 || t.Key.startsWith('aws:'));
          if (bad || tags.length === 0) return error('ValidationException', `Invalid tag: ${JSON.stringify(bad ?? 'no tags')}`);
          for (const t of tags) state.tags.set(t.Key ?? '', t.Value ?? '');
          return { status: 200, body: {} };
        }
        if (op === 'UntagResource') {
          for (const key of (body.TagKeys as string[] | undefined) ?? []) state.tags.delete(key);
          return { status: 200, body: {} };
        }
        const all = [...state.tags].map(([Key, Value]) => ({ Key, Value }));
        const from = Number(body.NextToken ?? 0);
        const page = all.slice(from, from + 10);
        return { status: 200, body: { Tags: page, ...(from + 10 < all.length && { NextToken: String(from + 10) }) } };
      }
      case 'CreateTable': {
        const key = keyFor(body.SSESpecification as Json | undefined, region);
        if (key?.startsWith('!')) return error('ValidationException', key.slice(1));
        const out = await send(headers, 'CreateTable', body);
        if (out.status !== 200) return out;
        const created = out.body.TableDescription as Json;
        const state = stateOf(String(created.TableArn));
        state.kmsKeyArn = key ?? undefined;
        for (const t of (body.Tags as { Key: string; Value: string }[] | undefined) ?? []) state.tags.set(t.Key, t.Value);
        return { status: 200, body: { TableDescription: withSse(created) } };
      }
      case 'DescribeTable': {
        const out = await send(headers, 'DescribeTable', body);
        return out.status === 200 ? { status: 200, body: { Table: withSse(out.body.Table as Json) } } : out;
      }
      case 'UpdateTable': {
        if (body.SSESpecification === undefined) return 'forward';
        const key = keyFor(body.SSESpecification as Json, region);
        if (key?.startsWith('!')) return error('ValidationException', key.slice(1));
        const { SSESpecification: _sse, ...rest } = body;
        // DynamoDB Local refuses an UpdateTable with nothing left to change: answer that one here.
        const out = Object.keys(rest).length > 1 ? await send(headers, 'UpdateTable', rest) : { status: 200, body: { TableDescription: await described(headers, String(body.TableName)) } };
        const table = out.body.TableDescription as Json | undefined;
        if (out.status !== 200 || !table) return out.status === 200 ? error('ResourceNotFoundException', 'Requested resource not found') : out;
        stateOf(String(table.TableArn)).kmsKeyArn = key ?? undefined;
        return { status: 200, body: { TableDescription: withSse(table) } };
      }
      case 'DeleteTable': {
        const out = await send(headers, 'DeleteTable', body);
        const arn = (out.body.TableDescription as Json | undefined)?.TableArn;
        if (out.status === 200 && typeof arn === 'string') tables.delete(arn);
        return out;
      }
      default:
        return 'forward';
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const op = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
      const body = (raw.length > 0 ? JSON.parse(raw.toString()) : {}) as Json;
      handle(op, body, req.headers).then(
        (answer) => {
          if (answer !== 'forward') {
            res.writeHead(answer.status, { 'Content-Type': 'application/x-amz-json-1.0', 'x-amzn-RequestId': `stand-in-${Date.now()}` });
            res.end(JSON.stringify(answer.body));
            return;
          }
          const forward = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
          });
          forward.on('error', () => req.socket.destroy());
          forward.end(raw);
        },
        () => req.socket.destroy(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    table(name) {
      const entry = [...tables].find(([arn]) => tableOfArn(arn) === name);
      if (!entry) return undefined;
      const [, state] = entry;
      return { pitr: state.pitr, tags: Object.fromEntries(state.tags), ...(state.kmsKeyArn && { kmsKeyArn: state.kmsKeyArn }) };
    },
    backupsNotYetAvailable: (name, times) => void unavailable.set(name, times),
    stop: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
