/** KMS: the one call this tool makes, DescribeKey, to resolve and check --kms-key before any change. */
export { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
