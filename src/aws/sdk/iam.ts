/** IAM: the one call `doctor` makes, evaluating a role's policies without using them. */
export { IAMClient, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
