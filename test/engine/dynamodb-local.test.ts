import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDynamoDbLocal } from '../../src/local/dynamodb-local.js';
import { localBehindProxy } from '../helpers/local-stack.js';

/** A raw DynamoDB JSON call (unsigned is fine for these checks): status and parsed body. */
function call(endpoint: string, op: string, body: object): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const url = new URL(endpoint);
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/',
        headers: {
          'Content-Type': 'application/x-amz-json-1.0',
          'X-Amz-Target': `DynamoDB_20120810.${op}`,
          Authorization: 'AWS4-HMAC-SHA256 Credential=fakeAccessKey/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=abc',
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || '{}') }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('DynamoDB Local launcher and fault proxy', () => {
  const stack = localBehindProxy();

  it('answers ListTables on a loopback endpoint', async () => {
    expect(stack.local.endpoint).toBe(`http://127.0.0.1:${stack.local.port}`);
    const res = await call(stack.local.endpoint, 'ListTables', {});
    expect(res.status).toBe(200);
    expect(res.body.TableNames).toEqual([]);
  });

  it('injects failures per operation, then passes through, and counts every request', async () => {
    stack.proxy.inject('ListTables', 'throttle', 1);
    stack.proxy.inject('ListTables', 'access-denied', 1);
    const throttled = await call(stack.proxy.endpoint, 'ListTables', {});
    expect(throttled.status).toBe(400);
    expect(throttled.body.__type).toMatch(/#ThrottlingException$/);
    const denied = await call(stack.proxy.endpoint, 'ListTables', {});
    expect(String(denied.body.message)).toContain('is not authorized to perform: dynamodb:ListTables');
    const ok = await call(stack.proxy.endpoint, 'ListTables', {});
    expect(ok.status).toBe(200);
    expect(stack.proxy.count('ListTables')).toBe(3);
    expect(stack.proxy.count('CreateTable')).toBe(0);
  });

  it('resets the connection when asked', async () => {
    stack.proxy.inject('DescribeTable', 'reset', 1);
    await expect(call(stack.proxy.endpoint, 'DescribeTable', { TableName: 'missing-table' })).rejects.toThrow(/socket hang up|ECONNRESET/);
    const after = await call(stack.proxy.endpoint, 'DescribeTable', { TableName: 'missing-table' });
    expect(after.body.__type).toMatch(/ResourceNotFoundException$/);
  });

  it('without java on PATH: says to install Java 17', async () => {
    const path = process.env.PATH;
    process.env.PATH = mkdtempSync(join(tmpdir(), 'no-java-'));
    try {
      await expect(startDynamoDbLocal()).rejects.toThrow('Java 17 is needed for DynamoDB Local: install openjdk-17-jre-headless');
    } finally {
      process.env.PATH = path;
    }
  });

  it('stops: the port no longer answers', async () => {
    const other = await startDynamoDbLocal();
    await other.stop();
    await expect(call(other.endpoint, 'ListTables', {})).rejects.toThrow(/ECONNREFUSED/);
  });
});
