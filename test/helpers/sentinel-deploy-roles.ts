/**
 * The execution roles Sentinel's deploy tools give its Lambda TVM (mateoblack/sentinel b6142c9e), as
 * the policy documents they attach, for the IAM stand-in to evaluate. Only the DynamoDB grants
 * matter to doctor; the rest is here so the documents are the tools' own, not trimmed to pass.
 */

const ACCOUNT = '123456789012';

/**
 * cdk/sentinel-tvm/lib/sentinel-tvm-stack.ts: role SentinelTvmLambdaRole (86-90), logs (93-106),
 * SSM (109-118), AssumeRole (123-135), DynamoDB on the given tables' ARNs only (137-155).
 */
export function cdkRolePolicy(region: string, tables: { session?: string; approval?: string; breakglass?: string }): unknown {
  const names = [tables.session, tables.approval, tables.breakglass].filter((t): t is string => Boolean(t));
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'CloudWatchLogs', Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: [`arn:aws:logs:${region}:${ACCOUNT}:log-group:/aws/lambda/*`] },
      { Sid: 'SSMGetPolicies', Effect: 'Allow', Action: ['ssm:GetParameter', 'ssm:GetParametersByPath'], Resource: [`arn:aws:ssm:${region}:${ACCOUNT}:parameter/sentinel/policies/*`] },
      { Sid: 'AssumeRoleSentinelProtected', Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'], Resource: [`arn:aws:iam::${ACCOUNT}:role/SentinelProtected-*`], Condition: { StringLike: { 'sts:SourceIdentity': '*' } } },
      ...(names.length > 0
        ? [{ Sid: 'DynamoDBAccess', Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query'], Resource: names.map((t) => `arn:aws:dynamodb:${region}:${ACCOUNT}:table/${t}`) }]
        : []),
    ],
  };
}

/**
 * terraform/sentinel-tvm/iam.tf: one inline policy per table given (73-155), each Put/Get/Update/Query
 * on the table and index/*; plus the module's other inline policies (24-71, 157-180).
 */
export function terraformRolePolicies(region: string, functionName: string, tables: { session?: string; approval?: string; breakglass?: string }): unknown[] {
  const table = (sid: string, name: string) => ({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: sid,
        Effect: 'Allow',
        Action: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
        Resource: [`arn:aws:dynamodb:${region}:${ACCOUNT}:table/${name}`, `arn:aws:dynamodb:${region}:${ACCOUNT}:table/${name}/index/*`],
      },
    ],
  });
  return [
    { Version: '2012-10-17', Statement: [{ Sid: 'AssumeProtectedRoles', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ['arn:aws:iam::*:role/SentinelProtected-*'], Condition: { StringLike: { 'sts:SourceIdentity': 'sentinel:*' } } }] },
    { Version: '2012-10-17', Statement: [{ Sid: 'ReadPolicies', Effect: 'Allow', Action: ['ssm:GetParameter', 'ssm:GetParametersByPath'], Resource: [`arn:aws:ssm:${region}:${ACCOUNT}:parameter/sentinel/policies/*`] }] },
    ...(tables.session ? [table('SessionTracking', tables.session)] : []),
    ...(tables.approval ? [table('ApprovalWorkflows', tables.approval)] : []),
    ...(tables.breakglass ? [table('BreakGlassEvents', tables.breakglass)] : []),
    {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'CloudWatchLogs',
          Effect: 'Allow',
          Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: [`arn:aws:logs:${region}:${ACCOUNT}:log-group:/aws/lambda/${functionName}`, `arn:aws:logs:${region}:${ACCOUNT}:log-group:/aws/lambda/${functionName}:*`],
        },
      ],
    },
  ];
}
