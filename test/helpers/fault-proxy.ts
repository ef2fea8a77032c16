/**
 * A loopback HTTP proxy in front of DynamoDB Local that injects failures per operation (taken from the
 * X-Amz-Target header) and counts requests, so retry behaviour is tested against real wire errors.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';

/** `reset` drops the connection before DynamoDB sees the request; `reset-after` after it has done the work. */
export type FaultKind = '500' | '503' | 'throttle' | 'throughput' | 'reset' | 'reset-after' | 'access-denied' | 'limit-exceeded';

export interface FaultProxy {
  endpoint: string;
  /** The next `times` requests of `op` (e.g. 'CreateTable') fail with `kind`. */
  inject(op: string, kind: FaultKind, times?: number): void;
  /** Requests seen for `op` (failed ones included). */
  count(op: string): number;
  /** Every operation seen so far, once each. */
  operations(): string[];
  /** The JSON bodies of every `op` request seen, in order. */
  bodies(op: string): Record<string, unknown>[];
  /** Failures still queued for `op`. */
  pending(op: string): number;
  stop(): Promise<void>;
}

const TYPE_PREFIX = 'com.amazonaws.dynamodb.v20120810#';

function errorBody(kind: FaultKind, op: string, table: string): { status: number; type: string; message: string } {
  switch (kind) {
    case '500':
      return { status: 500, type: 'InternalServerError', message: 'Internal server error' };
    case '503':
      return { status: 503, type: 'ServiceUnavailable', message: 'Service unavailable' };
    case 'throttle':
      return { status: 400, type: 'ThrottlingException', message: 'Rate of requests exceeds the allowed throughput.' };
    case 'throughput':
      return { status: 400, type: 'ProvisionedThroughputExceededException', message: 'The level of configured provisioned throughput for the table was exceeded.' };
    case 'limit-exceeded':
      return { status: 400, type: 'LimitExceededException', message: `Only 1 online index can be created or deleted simultaneously per table -> table: ${table}` };
    case 'access-denied':
      return {
        status: 400,
        type: 'AccessDeniedException',
        message: `User: arn:aws:iam::123456789012:user/x is not authorized to perform: dynamodb:${op} on resource: arn:aws:dynamodb:us-east-1:123456789012:table/${table} because no identity-based policy allows the dynamodb:${op} action`,
      };
    case 'reset':
    case 'reset-after':
      throw new Error('resets have no body');
  }
}

function parse(body: string): Record<string, unknown> {
  try {
    return JSON.parse(body) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function tableOf(body: string): string {
  const name = parse(body).TableName;
  return typeof name === 'string' ? name : 'unknown';
}

/** Starts the proxy on a free loopback port in front of `upstream` (e.g. http://127.0.0.1:8000). */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  const queued = new Map<string, FaultKind[]>();
  const counts = new Map<string, number>();
  const seen = new Map<string, Record<string, unknown>[]>();

  const handle = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const op = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
    counts.set(op, (counts.get(op) ?? 0) + 1);
    seen.set(op, [...(seen.get(op) ?? []), parse(body.toString())]);
    const kind = queued.get(op)?.shift();
    if (kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (kind && kind !== 'reset-after') {
      const { status, type, message } = errorBody(kind, op, tableOf(body.toString()));
      const payload = JSON.stringify({ __type: TYPE_PREFIX + type, message });
      res.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.0', 'x-amzn-RequestId': `fault-${Date.now()}` });
      res.end(payload);
      return;
    }
    const forward = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (upstreamRes) => {
        if (kind === 'reset-after') {
          upstreamRes.resume();
          upstreamRes.on('end', () => req.socket.destroy());
          return;
        }
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    forward.on('error', () => req.socket.destroy());
    forward.end(body);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    inject(op, kind, times = 1) {
      const list = queued.get(op) ?? [];
      for (let i = 0; i < times; i++) list.push(kind);
      queued.set(op, list);
    },
    count: (op) => counts.get(op) ?? 0,
    operations: () => [...counts.keys()],
    bodies: (op) => seen.get(op) ?? [],
    pending: (op) => queued.get(op)?.length ?? 0,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
