/**
 * The two reads `doctor` makes besides DynamoDB's DescribeTable: Lambda GetFunctionConfiguration (a
 * deployed function's environment and execution role) and IAM SimulatePrincipalPolicy (what that
 * role may call). Both only read. The SDK clients load lazily, follow AWS_ENDPOINT_URL_LAMBDA /
 * AWS_ENDPOINT_URL_IAM (and AWS_ENDPOINT_URL) through the SDK's own endpoint configuration, and
 * share the bounded handler and call budget of every AWS call (src/aws/http.ts).
 */
import { clientTiming, withinBudget } from './http.js';
import type { AwsTarget } from './types.js';

/** What doctor reads of a function's configuration. */
export interface FunctionConfig {
  functionName: string;
  functionArn: string;
  /** The execution role's ARN. */
  role: string;
  /** The environment variables; undefined when Lambda could not give them (`envError` says why). */
  variables?: Record<string, string>;
  /** Lambda's Environment.Error, e.g. the variables' KMS key cannot be used by the caller. */
  envError?: string;
}

/** IAM's answer for one action on one resource. */
export type EvalDecision = 'allowed' | 'explicitDeny' | 'implicitDeny';

export interface DeployedApi {
  getFunctionConfiguration(name: string, signal?: AbortSignal): Promise<FunctionConfig>;
  /** SimulatePrincipalPolicy for `role`: each action on the one `resource`, as IAM decides it. */
  simulate(role: string, actions: readonly string[], resource: string, signal?: AbortSignal): Promise<Record<string, EvalDecision>>;
}

/** The Lambda and IAM clients for one run; nothing is called until asked. */
export async function createDeployedApi(target: AwsTarget, env: NodeJS.ProcessEnv = process.env): Promise<DeployedApi> {
  const [lambdaSdk, iamSdk] = await Promise.all([import('./sdk/lambda.js'), import('./sdk/iam.js')]);
  const { limits, config } = await clientTiming(env);
  const settings = { region: target.region, credentials: target.credentials, ...config };
  const lambda = new lambdaSdk.LambdaClient(settings);
  const iam = new iamSdk.IAMClient(settings);
  return {
    getFunctionConfiguration: async (name, signal) => {
      const out = await withinBudget(limits, signal, (abortSignal) => lambda.send(new lambdaSdk.GetFunctionConfigurationCommand({ FunctionName: name }), { abortSignal }));
      if (!out.FunctionArn || !out.Role) throw Object.assign(new Error('Lambda answered GetFunctionConfiguration without the function ARN and role.'), { name: 'EmptyAnswer' });
      return {
        functionName: out.FunctionName ?? name,
        functionArn: out.FunctionArn,
        role: out.Role,
        variables: out.Environment?.Error ? undefined : (out.Environment?.Variables ?? {}),
        ...(out.Environment?.Error && { envError: `${out.Environment.Error.ErrorCode ?? 'Error'}: ${out.Environment.Error.Message ?? ''}`.trim() }),
      };
    },
    simulate: async (role, actions, resource, signal) => {
      const out = await withinBudget(limits, signal, (abortSignal) =>
        iam.send(new iamSdk.SimulatePrincipalPolicyCommand({ PolicySourceArn: role, ActionNames: [...actions], ResourceArns: [resource], MaxItems: 1000 }), { abortSignal }),
      );
      const decisions: Record<string, EvalDecision> = {};
      for (const r of out.EvaluationResults ?? []) if (r.EvalActionName && r.EvalDecision) decisions[r.EvalActionName] = r.EvalDecision as EvalDecision;
      return decisions;
    },
  };
}
