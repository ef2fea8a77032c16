/**
 * The small AWS interface the engine and the faces depend on. Type-only imports from the SDK:
 * nothing here loads it, so headless --generate-iam and the wizard's first frame stay fast.
 */
import type {
  CreateTableCommandInput,
  CreateTableCommandOutput,
  DescribeTableCommandOutput,
  DescribeTimeToLiveCommandOutput,
  UpdateTableCommandInput,
  UpdateTableCommandOutput,
  UpdateTimeToLiveCommandInput,
  UpdateTimeToLiveCommandOutput,
  PutItemCommandInput,
  GetItemCommandInput,
  GetItemCommandOutput,
  UpdateItemCommandInput,
  UpdateItemCommandOutput,
  DeleteItemCommandInput,
  QueryCommandInput,
  QueryCommandOutput,
  ScanCommandInput,
  ScanCommandOutput,
  DescribeContinuousBackupsCommandOutput,
  UpdateContinuousBackupsCommandInput,
  UpdateContinuousBackupsCommandOutput,
  ListTagsOfResourceCommandInput,
  ListTagsOfResourceCommandOutput,
  TagResourceCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { AwsCredentialIdentityProvider } from '@smithy/types';

/** The DynamoDB calls provisioning makes, and nothing else (the provisioning policy's Provisioning statement grants exactly these). */
export interface DynamoApi {
  createTable(input: CreateTableCommandInput, signal?: AbortSignal): Promise<CreateTableCommandOutput>;
  describeTable(tableName: string, signal?: AbortSignal): Promise<DescribeTableCommandOutput>;
  updateTable(input: UpdateTableCommandInput, signal?: AbortSignal): Promise<UpdateTableCommandOutput>;
  describeTimeToLive(tableName: string, signal?: AbortSignal): Promise<DescribeTimeToLiveCommandOutput>;
  updateTimeToLive(input: UpdateTimeToLiveCommandInput, signal?: AbortSignal): Promise<UpdateTimeToLiveCommandOutput>;
  describeContinuousBackups(tableName: string, signal?: AbortSignal): Promise<DescribeContinuousBackupsCommandOutput>;
  updateContinuousBackups(input: UpdateContinuousBackupsCommandInput, signal?: AbortSignal): Promise<UpdateContinuousBackupsCommandOutput>;
  listTagsOfResource(input: ListTagsOfResourceCommandInput, signal?: AbortSignal): Promise<ListTagsOfResourceCommandOutput>;
  tagResource(input: TagResourceCommandInput, signal?: AbortSignal): Promise<unknown>;
}

/** KMS key metadata, as much of DescribeKey's KeyMetadata as the checks before a change read. */
export interface KeyMetadata {
  KeyId?: string;
  Arn?: string;
  KeyState?: string;
  KeyManager?: string;
  KeySpec?: string;
  KeyUsage?: string;
  DeletionDate?: Date | string | number;
}

/** The one KMS call this tool makes: DescribeKey, to resolve and check --kms-key before any change. */
export interface KmsApi {
  describeKey(keyId: string, signal?: AbortSignal): Promise<{ KeyMetadata?: KeyMetadata }>;
  /** The endpoint calls go to, for error sentences. */
  endpoint: string;
}

/**
 * The item calls `verify` makes to run Sentinel's own access patterns on a table (the calls of
 * Sentinel's stores: the provisioning policy's Verify statement grants them to whoever runs this tool,
 * the runtime policy's Operations statement to Sentinel).
 */
export interface ItemApi {
  putItem(input: PutItemCommandInput, signal?: AbortSignal): Promise<unknown>;
  getItem(input: GetItemCommandInput, signal?: AbortSignal): Promise<GetItemCommandOutput>;
  updateItem(input: UpdateItemCommandInput, signal?: AbortSignal): Promise<UpdateItemCommandOutput>;
  deleteItem(input: DeleteItemCommandInput, signal?: AbortSignal): Promise<unknown>;
  query(input: QueryCommandInput, signal?: AbortSignal): Promise<QueryCommandOutput>;
  scan(input: ScanCommandInput, signal?: AbortSignal): Promise<ScanCommandOutput>;
}

/** How a profile gets credentials, as shown in the wizard's list. */
export type ProfileKind = 'keys' | 'sso' | 'role' | 'process' | 'unknown';

export interface ProfileInfo {
  name: string;
  region?: string;
  kind: ProfileKind;
  /** For SSO profiles: the start URL's host. */
  ssoHost?: string;
  /** Set when the profile cannot work (e.g. source_profile missing), with the reason. */
  broken?: string;
  /** True when the profile (or its role) needs an MFA code. */
  needsMfa: boolean;
}

/** Who the credentials belong to (STS GetCallerIdentity). */
export interface Identity {
  account: string;
  arn: string;
  /** aws | aws-cn | aws-us-gov, from the caller ARN. */
  partition: string;
}

/** Everything needed to talk to AWS for one run: resolved once, shared by plan and apply. */
export interface AwsTarget {
  region: string;
  /** undefined: the default credential chain. */
  profile?: string;
  endpointUrl?: string;
  credentials: AwsCredentialIdentityProvider;
}

/** Asks the person for an MFA code (the wizard prompts; headless answers from --mfa-code or fails). */
export type MfaCodeProvider = (mfaSerial: string) => Promise<string>;
