/** STS: who the caller is, and the role assumer the credential providers use. */
export { GetCallerIdentityCommand, getDefaultRoleAssumer, STSClient } from '@aws-sdk/client-sts';
