/**
 * Sentinel's two ways to deploy its Lambda TVM, as data (mateoblack/sentinel b6142c9e): what each is
 * called, its function and role names, and how its DynamoDB grant falls short of what the Lambda
 * calls. Each table's input is in src/core/kinds.ts (Wiring.deploy); docs/sentinel-compatibility.md
 * has the file:line of every fact.
 */

export interface DeployTool {
  name: 'CDK' | 'Terraform';
  /** The folder in Sentinel's repository. */
  path: string;
  /** The function name it deploys (the Terraform module's default; the CDK stack's fixed name). */
  functionName: string;
  /** Its execution role's name for that function. */
  roleName: string;
  /** Whether its DynamoDB grant names the tables' index ARNs (a Query on an index is denied without them). */
  grantsIndexes: boolean;
}

/** cdk/sentinel-tvm: function and role names fixed (lib/sentinel-tvm-stack.ts:87,177); grant on table ARNs only (138-155). */
export const CDK: DeployTool = { name: 'CDK', path: 'cdk/sentinel-tvm', functionName: 'sentinel-tvm', roleName: 'SentinelTvmLambdaRole', grantsIndexes: false };

/**
 * terraform/sentinel-tvm: function_name defaults to sentinel-tvm (variables.tf:4-8), the role is
 * "${function_name}-execution-role" (iam.tf:6); the grant names table and index/* (iam.tf:73-155).
 */
export const TERRAFORM: DeployTool = { name: 'Terraform', path: 'terraform/sentinel-tvm', functionName: 'sentinel-tvm', roleName: 'sentinel-tvm-execution-role', grantsIndexes: true };

export const DEPLOY_TOOLS: readonly DeployTool[] = [CDK, TERRAFORM];
