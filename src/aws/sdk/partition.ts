/** The SDK's public partition lookup (its partition data, without the rest of @aws-sdk/core/client). */
export { partition } from '@aws-sdk/core/client';
