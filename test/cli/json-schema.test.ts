/** docs/json-schema.json against the code: every plan op, every kind, and the version the CLI prints. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KIND_NAMES } from '../../src/core/kinds.js';
import type { Change } from '../../src/engine/types.js';
import { FORMAT_VERSION } from '../../src/headless/format.js';
import { ROOT } from './run-cli.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'docs', 'json-schema.json'), 'utf8')) as {
  properties: { formatVersion: { const: string } };
  definitions: { change: { properties: { op: { enum: string[] } } }; kind: { enum: string[] } };
};

// A Record over the union: a new op in src/engine/types.ts fails the typecheck here until it is listed.
const OPS: Record<Change['op'], true> = {
  'create-table': true,
  'wait-table': true,
  'add-index': true,
  'wait-index': true,
  'remove-index': true,
  'enable-ttl': true,
  'enable-deletion-protection': true,
  'enable-pitr': true,
  tag: true,
  'set-kms-key': true,
};

describe('docs/json-schema.json', () => {
  it('lists every op of a plan change, and no other', () => {
    expect([...schema.definitions.change.properties.op.enum].sort()).toEqual(Object.keys(OPS).sort());
  });
  it('lists every kind', () => {
    expect([...schema.definitions.kind.enum].sort()).toEqual([...KIND_NAMES].sort());
  });
  it('is the version the CLI prints', () => {
    expect(schema.properties.formatVersion.const).toBe(FORMAT_VERSION);
  });
});
