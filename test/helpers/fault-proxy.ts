/**
 * A loopback HTTP proxy in front of DynamoDB Local that injects failures per operation (taken from the
 * X-Amz-Target header) and counts requests, so retry behaviour is tested against real wire errors.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';

/**
 * `reset` drops the connection before DynamoDB sees the request; `reset-after` after it has done the
 * work. `hang` accepts the request and never answers; `drip` forwards it and sends the answer back
 * one byte a second (status line, headers and body). `empty-200` answers `{}` without forwarding;
 * `empty-200-after` forwards (the work is done) and answers `{}`. `unknown-400` is an error type no
 * client knows; `html` a captive portal's page; `bad-json` a body cut off mid-document.
 * The `-after` kinds let DynamoDB do the work first, then lose the answer: `bad-json-after` garbles
 * it (a cut-off document), `hang-after` never sends it. `slow` forwards after the delay set with
 * `delay()` (default 3 s) and answers as DynamoDB did.
 */
export type FaultKind =
  | '500'
  | '503'
  | 'throttle'
  | 'throughput'
  | 'reset'
  | 'reset-after'
  | 'access-denied'
  | 'limit-exceeded'
  | 'hang'
  | 'drip'
  | 'empty-200'
  | 'empty-200-after'
  | 'unknown-400'
  | 'html'
  | 'bad-json'
  | 'bad-json-after'
  | 'hang-after'
  | 'slow';

export interface FaultProxy {
  endpoint: string;
  /** The next `times` requests of `op` (e.g. 'CreateTable') fail with `kind`; with `table`, only requests naming that TableName. */
  inject(op: string, kind: FaultKind, times?: number, table?: string): void;
  /** Requests seen for `op` (failed ones included). */
  count(op: string): number;
  /** Every operation seen so far, once each. */
  operations(): string[];
  /** The JSON bodies of every `op` request seen, in order. */
  bodies(op: string): Record<string, unknown>[];
  /** The access key id each request was signed with (from its Authorization header), in order; '' when unsigned. */
  accessKeys(): string[];
  /** Failures still queued for `op`. */
  pending(op: string): number;
  /** Rewrites every answer to `op` that DynamoDB gives (parsed JSON in, JSON out) until cleared. */
  rewrite(op: string, edit: (answer: Record<string, unknown>) => Record<string, unknown>): void;
  /** How long a `slow` fault holds `op`'s request before forwarding it (ms). */
  delay(op: string, ms: number): void;
  /** Drops queued faults and rewrites, and ends hanging or dripping answers. */
  clear(): void;
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
    case 'unknown-400':
      return { status: 400, type: 'BrandNewException', message: 'A reason no client knows yet' };
    case 'limit-exceeded':
      return { status: 400, type: 'LimitExceededException', message: `Only 1 online index can be created or deleted simultaneously per table -> table: ${table}` };
    case 'access-denied':
      return {
        status: 400,
        type: 'AccessDeniedException',
        message: `User: arn:aws:iam::123456789012:user/x is not authorized to perform: dynamodb:${op} on resource: arn:aws:dynamodb:us-east-1:123456789012:table/${table} because no identity-based policy allows the dynamodb:${op} action`,
      };
    default:
      throw new Error(`${kind} has no error body`);
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
  const queued = new Map<string, { kind: FaultKind; table?: string }[]>();
  const counts = new Map<string, number>();
  const seen = new Map<string, Record<string, unknown>[]>();
  const keys: string[] = [];
  const rewrites = new Map<string, (answer: Record<string, unknown>) => Record<string, unknown>>();
  const held = new Set<{ destroy(): void }>();
  const delays = new Map<string, number>();

  const handle = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    // JSON protocols name the operation in X-Amz-Target; STS's query protocol in the body's Action.
    const named = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
    const op = named || (new URLSearchParams(body.toString()).get('Action') ?? '');
    counts.set(op, (counts.get(op) ?? 0) + 1);
    seen.set(op, [...(seen.get(op) ?? []), parse(body.toString())]);
    keys.push(/Credential=([^/,\s]+)\//.exec(String(req.headers.authorization ?? ''))?.[1] ?? '');
    const list = queued.get(op) ?? [];
    const at = list.findIndex((f) => f.table === undefined || f.table === tableOf(body.toString()));
    const kind = at === -1 ? undefined : list.splice(at, 1)[0]?.kind;
    if (kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (kind === 'hang') {
      held.add(req.socket);
      return;
    }
    if (kind === 'html' || kind === 'bad-json') {
      const [type, text] = kind === 'html' ? ['text/html', '<html><body>Sign in to the hotel Wi-Fi</body></html>'] : ['application/x-amz-json-1.0', '{"Table": {"TableName": "x", '];
      res.writeHead(200, { 'Content-Type': type });
      res.end(text);
      return;
    }
    if (kind === 'empty-200') {
      res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.0', 'x-amzn-RequestId': `fault-${Date.now()}` });
      res.end('{}');
      return;
    }
    const forwarded = new Set<FaultKind | undefined>([undefined, 'reset-after', 'drip', 'empty-200-after', 'bad-json-after', 'hang-after', 'slow']);
    if (!forwarded.has(kind)) {
      // The rest are AWS-shaped errors.
      const { status, type, message } = errorBody(kind as FaultKind, op, tableOf(body.toString()));
      const payload = JSON.stringify({ __type: TYPE_PREFIX + type, message });
      res.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.0', 'x-amzn-RequestId': `fault-${Date.now()}` });
      res.end(payload);
      return;
    }
    const forward = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (upstreamRes) => {
        if (kind === 'reset-after' || kind === 'hang-after') {
          upstreamRes.resume();
          if (kind === 'reset-after') upstreamRes.on('end', () => req.socket.destroy());
          else held.add(req.socket);
          return;
        }
        const chunks: Buffer[] = [];
        upstreamRes.on('data', (c: Buffer) => chunks.push(c));
        upstreamRes.on('end', () => {
          let body = Buffer.concat(chunks).toString();
          const edit = rewrites.get(op);
          if (kind === 'empty-200-after') body = '{}';
          else if (kind === 'bad-json-after') body = body.slice(0, Math.max(1, Math.floor(body.length / 2)));
          else if (edit && (upstreamRes.statusCode ?? 500) < 300) body = JSON.stringify(edit(parse(body)));
          // A rewritten body no longer matches DynamoDB's checksum header: drop it.
          const headers: Record<string, string | string[] | undefined> = { ...upstreamRes.headers, 'content-length': String(Buffer.byteLength(body)) };
          delete headers['x-amz-crc32'];
          delete headers['transfer-encoding'];
          if (kind !== 'drip') {
            res.writeHead(upstreamRes.statusCode ?? 502, headers);
            res.end(body);
            return;
          }
          // The whole answer, status line first, one byte a second on the raw socket.
          const head = [`HTTP/1.1 ${upstreamRes.statusCode ?? 200} OK`, ...Object.entries(headers).map(([k, v]) => `${k}: ${String(v)}`), '', ''].join('\r\n');
          const bytes = Buffer.from(head + body);
          let at = 0;
          const socket = req.socket;
          const timer = setInterval(() => {
            if (socket.destroyed || at >= bytes.length) return clearInterval(timer);
            socket.write(bytes.subarray(at, at + 1));
            at++;
          }, 1000);
          held.add({ destroy: () => (clearInterval(timer), socket.destroy()) });
        });
      },
    );
    forward.on('error', () => req.socket.destroy());
    if (kind !== 'slow') {
      forward.end(body);
      return;
    }
    const timer = setTimeout(() => forward.end(body), delays.get(op) ?? 3000);
    held.add({ destroy: () => (clearTimeout(timer), forward.destroy(), req.socket.destroy()) });
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
    inject(op, kind, times = 1, table) {
      const list = queued.get(op) ?? [];
      for (let i = 0; i < times; i++) list.push({ kind, table });
      queued.set(op, list);
    },
    count: (op) => counts.get(op) ?? 0,
    operations: () => [...counts.keys()],
    bodies: (op) => seen.get(op) ?? [],
    accessKeys: () => [...keys],
    pending: (op) => queued.get(op)?.length ?? 0,
    rewrite: (op, edit) => void rewrites.set(op, edit),
    delay: (op, ms) => void delays.set(op, ms),
    clear() {
      queued.clear();
      rewrites.clear();
      delays.clear();
      for (const h of held) h.destroy();
      held.clear();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const h of held) h.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
