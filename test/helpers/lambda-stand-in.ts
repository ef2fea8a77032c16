/**
 * A loopback Lambda for `doctor`'s tests: GetFunctionConfiguration only (REST-JSON, GET
 * /2015-03-31/functions/{name}/configuration), answering for the functions it is given, found by
 * name, partial ARN or ARN, with the shapes of the Lambda API reference; ResourceNotFoundException
 * otherwise. Point the tool at it with AWS_ENDPOINT_URL_LAMBDA. It records every request (method and
 * path), so a test can see that nothing but reads reached it.
 */
import { createServer } from 'node:http';

export interface TestFunction {
  name: string;
  region: string;
  account: string;
  role: string;
  variables?: Record<string, string>;
  /** Lambda's Environment.Error, as when the caller cannot decrypt the variables. */
  envError?: { ErrorCode: string; Message: string };
}

export interface LambdaStandIn {
  endpoint: string;
  /** Replaces the function of that name (or adds it). */
  put(fn: TestFunction): void;
  /** `METHOD path` of every request, in order. */
  requests(): string[];
  stop(): Promise<void>;
}

const arnOf = (fn: TestFunction) => `arn:aws:lambda:${fn.region}:${fn.account}:function:${fn.name}`;

export async function startLambdaStandIn(): Promise<LambdaStandIn> {
  const functions = new Map<string, TestFunction>();
  const requests: string[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests.push(`${req.method} ${req.url}`);
      const answer = (status: number, body: unknown, type?: string) => {
        res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': `lambda-${requests.length}`, ...(type && { 'x-amzn-errortype': type }) });
        res.end(JSON.stringify(body));
      };
      const match = /^\/2015-03-31\/functions\/([^/?]+)\/configuration(\?.*)?$/.exec(req.url ?? '');
      if (req.method !== 'GET' || !match) return answer(404, { message: `${req.method} ${req.url} is not implemented by the test stand-in` }, 'UnknownOperationException');
      const ref = decodeURIComponent(match[1] ?? '');
      const fn = [...functions.values()].find((f) => ref === f.name || ref === arnOf(f) || ref === `${f.account}:function:${f.name}`);
      if (!fn) return answer(404, { Type: 'User', message: `Function not found: ${ref.startsWith('arn:') ? ref : `arn:aws:lambda:eu-west-1:123456789012:function:${ref}`}` }, 'ResourceNotFoundException');
      return answer(200, {
        FunctionName: fn.name,
        FunctionArn: arnOf(fn),
        Runtime: 'provided.al2023',
        Role: fn.role,
        Handler: 'bootstrap',
        CodeSize: 1024,
        Timeout: 30,
        MemorySize: 256,
        Version: '$LATEST',
        State: 'Active',
        Environment: fn.envError ? { Error: fn.envError } : { Variables: fn.variables ?? {} },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    put: (fn) => void functions.set(fn.name, fn),
    requests: () => [...requests],
    stop: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
