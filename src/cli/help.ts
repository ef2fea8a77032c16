/** The --help text, plain data: answered before anything else loads. */
import { KIND_NAMES, KINDS, type KindName } from '../core/kinds.js';

/** The --help text; every line fits in 80 columns. */
export function helpText(version: string): string {
  // The first clause of each description keeps the line inside 80 columns.
  const purpose = (k: KindName) => KINDS[k].description.split(' (')[0];
  const kinds = KIND_NAMES.map((k) => `  ${k.padEnd(12)}${KINDS[k].defaultTable.padEnd(21)}${purpose(k)}`);
  return `sentinel-init ${version}: create or update Sentinel's DynamoDB tables

Usage: sentinel-init [KIND] [flags]
       sentinel-init verify [KIND] [flags]   run Sentinel's own reads and writes
                                             on the table (probe items, removed)
       sentinel-init doctor --function NAME|ARN  check a deployed Lambda TVM:
                                             its tables, their kind, and what
                                             its role may call (reads only)
       sentinel-init help [KIND|all|verify|doctor|completion]
       sentinel-init completion bash|zsh|fish  print a completion script;
         install: source <(sentinel-init completion bash)  (in ~/.bashrc)

Kinds (default table, purpose):
${kinds.join('\n')}
  all         every table above, each under its default name (no --table);
              one plan, one policy, one apply; --json lists each
  Default kind: sessions.

Flags:
  --table NAME            table name (default: per kind, above)
  --region REGION         region; else AWS_REGION, AWS_DEFAULT_REGION, profile
  --allow-unknown-region  accept a region newer than this tool's AWS SDK
  --aws-profile NAME      profile (alias --profile); else AWS_PROFILE
  --plan                  show what would change; change nothing
  -y, --yes               apply without asking
  --allow-kind-change     with --yes: converge a table whose indexes are
                          another kind's (refused without it)
  --generate-iam [WHICH]  print the IAM policies as JSON and exit (offline):
                          {"provisioning": ..., "runtime": ...}; WHICH =
                          provisioning (whoever runs sentinel-init) or
                          runtime (Sentinel's Lambda role, CLI users) alone
  --account-id ID         12-digit account for the policy ARNs (default *)
  --mfa-code CODE         MFA code for a profile whose role needs one
  --json                  one JSON document on stdout; human text on stderr
  --debug                 one line per AWS call on stderr (as DEBUG=1); no
                          keys or tokens
  --endpoint-url URL      DynamoDB endpoint, e.g. DynamoDB Local
                          (or AWS_ENDPOINT_URL_DYNAMODB)
  --timeout DURATION      give up waiting after this long, e.g. 45m (default
                          30m, 60m when indexes change); a rerun resumes
  --detailed-exitcode     with --plan: exit 0 up to date, 2 changes pending,
                          1 any error (usage errors too)
  --no-deletion-protection  do not turn on deletion protection
  --no-pitr               do not turn on point-in-time recovery (never turns
                          it off)
  --tag KEY=VALUE         add a tag (repeatable); managed-by and
                          sentinel:table-kind are always set
  --kms-key KEY           customer managed KMS key: ARN, alias/NAME or key ID
                          (default: the AWS managed key, alias/aws/dynamodb)
  --output FORMAT         print the table and IAM policies as code (no change):
                          terraform, cloudformation, or cloudformation-import
                          (existing tables alone, for a resource import)
  --output-file PATH      with --output: write PATH (atomically), not stdout
  --force                 let --output-file replace an existing file
  --verify                after applying, run Sentinel's access patterns
  --clean                 with verify: remove the probe items of earlier
                          verify runs from the table (found by their prefix)
  --local                 demo: run against an embedded DynamoDB Local
  --function NAME|ARN     doctor: the deployed Lambda TVM (exit 0 all good,
                          1 findings, each with its fix)
  --no-input              never prompt, even in a terminal: a missing answer
                          fails naming its flag (or SENTINEL_INIT_NO_INPUT=1)
  -h, --help              show this help (after a command or KIND: its help)
  -V, --version           show the version

Modes:
  In a terminal with none of --yes, --plan, --output, --generate-iam, --json,
  --no-input: a wizard asks for what is missing. Otherwise it never prompts;
  a change without --yes is refused and nothing is created.

Exit codes:
  0 done, plan shown, policy or code written, or declined; 1 AWS or operation
  failure; 2 usage or invalid input; 130 interrupted (Ctrl-C); 143 SIGTERM;
  129 SIGHUP. With --detailed-exitcode: 0 up to date, 2 changes pending, 1 any
  error, usage errors included

Examples:
  sentinel-init                                   # wizard
  sentinel-init sessions --region eu-west-1 --plan
  sentinel-init approvals --aws-profile ops --region eu-west-1 --yes --json
  sentinel-init breakglass --generate-iam --account-id 123456789012
  sentinel-init sessions --region eu-west-1 --generate-iam runtime \\
    > sentinel-sessions-runtime-policy.json
  sentinel-init ratelimit --region eu-west-1 --yes
  sentinel-init approvals --region eu-west-1 --tag team=platform \\
    --kms-key alias/sentinel --yes
  sentinel-init sessions --region eu-west-1 --output terraform > sentinel.tf
  sentinel-init verify sessions --region eu-west-1
  sentinel-init doctor --function sentinel-tvm --region eu-west-1
  sentinel-init --local                           # demo, no AWS account
`;
}
