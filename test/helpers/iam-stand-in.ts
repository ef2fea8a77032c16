/**
 * A loopback IAM for `doctor`'s tests: SimulatePrincipalPolicy only (Query protocol: a form-encoded
 * POST in, XML out), deciding each action on each resource by evaluating the role's real policy
 * documents with @cloud-copilot/iam-simulate, a maintained IAM policy evaluator. So a grant on a
 * table ARN alone denies a Query on its index exactly as AWS would. Point the tool at it with
 * AWS_ENDPOINT_URL_IAM. It records every Action it is asked, so a test can see nothing but reads.
 */
import { createServer } from 'node:http';
import { runSimulation } from '@cloud-copilot/iam-simulate';

export interface IamStandIn {
  endpoint: string;
  /** The role's identity policies (inline and attached alike), replacing any it had. */
  putRole(roleArn: string, policies: readonly unknown[]): void;
  /** The Action of every request, in order. */
  actions(): string[];
  stop(): Promise<void>;
}

const NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const DECISION = { Allowed: 'allowed', ExplicitlyDenied: 'explicitDeny', ImplicitlyDenied: 'implicitDeny' } as const;
const xmlText = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** The members of a Query-protocol list (`Name.member.1`, `Name.member.2`, …). */
function members(params: URLSearchParams, name: string): string[] {
  const out: string[] = [];
  for (let i = 1; params.has(`${name}.member.${i}`); i++) out.push(params.get(`${name}.member.${i}`) ?? '');
  return out;
}

async function decide(role: string, policies: readonly unknown[], action: string, resource: string): Promise<string> {
  const result = await runSimulation(
    {
      request: { principal: role, action, resource: { resource, accountId: role.split(':')[4] ?? '' }, contextVariables: {} },
      identityPolicies: policies.map((policy, i) => ({ name: `policy${i + 1}`, policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  if (result.resultType === 'error') throw new Error(`iam-simulate refused the request: ${JSON.stringify(result.errors)}`);
  return DECISION[result.overallResult as keyof typeof DECISION];
}

export async function startIamStandIn(): Promise<IamStandIn> {
  const roles = new Map<string, readonly unknown[]>();
  const actions: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const action = params.get('Action') ?? '';
      actions.push(action);
      const reply = (status: number, xml: string) => {
        res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': `iam-${actions.length}` });
        res.end(xml);
      };
      const error = (status: number, code: string, message: string) =>
        reply(status, `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${xmlText(message)}</Message></Error><RequestId>stand-in</RequestId></ErrorResponse>`);
      if (action !== 'SimulatePrincipalPolicy') return error(400, 'InvalidAction', `${action} is not implemented by the test stand-in`);
      const role = params.get('PolicySourceArn') ?? '';
      const policies = roles.get(role);
      if (!policies) return error(404, 'NoSuchEntity', `The role with name ${role.split('/').pop()} cannot be found.`);
      const names = members(params, 'ActionNames');
      const resources = members(params, 'ResourceArns');
      const pairs = names.flatMap((a) => (resources.length > 0 ? resources : ['*']).map((r) => ({ a, r })));
      void Promise.all(pairs.map(async ({ a, r }) => ({ a, r, d: await decide(role, policies, a, r) }))).then(
        (results) => {
          const body = results.map(({ a, r, d }) => `<member><EvalActionName>${xmlText(a)}</EvalActionName><EvalResourceName>${xmlText(r)}</EvalResourceName><EvalDecision>${d}</EvalDecision><MatchedStatements/><MissingContextValues/></member>`);
          reply(200, `<SimulatePrincipalPolicyResponse xmlns="${NS}"><SimulatePrincipalPolicyResult><IsTruncated>false</IsTruncated><EvaluationResults>${body.join('')}</EvaluationResults></SimulatePrincipalPolicyResult><ResponseMetadata><RequestId>stand-in</RequestId></ResponseMetadata></SimulatePrincipalPolicyResponse>`);
        },
        (e: Error) => error(400, 'InvalidInput', e.message),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    putRole: (roleArn, policies) => void roles.set(roleArn, policies),
    actions: () => [...actions],
    stop: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
