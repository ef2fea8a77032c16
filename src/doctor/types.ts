/** What `doctor` reports: data both the text and the --json document are made from. */
import type { EvalDecision } from '../aws/deployed.js';
import type { KindName } from '../core/kinds.js';
import type { PolicyStatement } from '../policy/iam.js';

export type FindingCode =
  | 'environment-unreadable'
  | 'request-table-variable'
  | 'empty-variable'
  | 'rate-limit-invalid'
  | 'rate-limit-in-memory'
  | 'rate-limit-table-unread'
  | 'table-missing'
  | 'table-other-region'
  | 'table-unusable'
  | 'table-other-kind'
  | 'table-incomplete'
  | 'table-retired-index'
  | 'denied'
  | 'unchecked';

/** One thing that keeps the deployed Lambda TVM from using its tables, and what to do. */
export interface Finding {
  code: FindingCode;
  /** The environment variable it is about, if any. */
  variable?: string;
  message: string;
  /** The policy to attach, the variable to set, or the command to run. */
  fix: string;
  /** For `denied`: the statement that grants what the Lambda TVM calls on the table. */
  policy?: PolicyStatement;
}

/** One call the Lambda TVM makes, and IAM's decision for the function's role. */
export interface CallCheck {
  action: string;
  resource: string;
  /** undefined: it could not be asked (see the `unchecked` finding). */
  decision?: EvalDecision;
}

/** A table the function's environment names. */
export interface TableCheck {
  variable: string;
  kind: KindName;
  table: string;
  /** The function's region: where the Lambda TVM calls DynamoDB. */
  region: string;
  exists: boolean;
  /** Other regions where a table of that name exists (looked for only when it is missing here). */
  elsewhere?: string[];
  tableArn: string;
  calls: CallCheck[];
}

export interface DoctorReport {
  function: string;
  functionArn: string;
  region: string;
  role: string;
  tables: TableCheck[];
  findings: Finding[];
}
