import { describe, expect, it } from 'vitest';
import { validateAccountId, validateEndpointUrl, validateMfaCode, validateRegion, validateTableName } from '../../src/core/validate.js';

describe('validateTableName', () => {
  it('accepts 3 to 255 of letters, digits, _ - .', () => {
    for (const ok of ['abc', 'sentinel-sessions', 'A_b.c-1', 'x'.repeat(255)]) expect(validateTableName(ok)).toBeUndefined();
  });
  it('says which rule failed', () => {
    expect(validateTableName('')).toMatch(/empty/);
    expect(validateTableName('ab')).toMatch(/too short/);
    expect(validateTableName('x'.repeat(256))).toMatch(/256 characters long: the limit is 255/);
    expect(validateTableName('my table')).toMatch(/contains a space/);
    expect(validateTableName('tab/le')).toMatch(/contains "\/"/);
    expect(validateTableName('tablé')).toMatch(/contains "é"/);
  });
});

describe('validateRegion', () => {
  it('accepts region names of every partition', () => {
    for (const ok of ['eu-west-1', 'us-east-1', 'us-gov-west-1', 'cn-north-1', 'ap-southeast-2', 'us-isob-east-1', 'il-central-1']) {
      expect(validateRegion(ok), ok).toBeUndefined();
    }
  });
  it('refuses malformed ones', () => {
    for (const bad of ['eu-west', 'EU_WEST_1', 'eu-west-1a', 'euwest1', '', ' eu-west-1', 'Eu-West-1']) {
      expect(validateRegion(bad), bad).toBeDefined();
    }
  });
});

describe('validateAccountId, validateEndpointUrl, validateMfaCode', () => {
  it('wants exactly 12 digits for an account', () => {
    expect(validateAccountId('123456789012')).toBeUndefined();
    for (const bad of ['12345678901', '1234567890123', '12345678901a', '']) expect(validateAccountId(bad)).toMatch(/12 digits/);
  });
  it('wants an http(s) URL with a host', () => {
    expect(validateEndpointUrl('http://localhost:8000')).toBeUndefined();
    expect(validateEndpointUrl('https://dynamodb.eu-west-1.amazonaws.com')).toBeUndefined();
    expect(validateEndpointUrl('localhost:8000')).toMatch(/http/);
    expect(validateEndpointUrl('ftp://host')).toMatch(/http/);
    expect(validateEndpointUrl('not a url')).toMatch(/not a URL/);
  });
  it('wants a 6-digit MFA code', () => {
    expect(validateMfaCode('012345')).toBeUndefined();
    expect(validateMfaCode('12345')).toBeDefined();
  });
});
