import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { ingestFixtures } from '../cobertura/test-support.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
// CTRF's published schema, from the npm package that ships it (not a copy of ours).
const schema = JSON.parse(fs.readFileSync(new URL('../../node_modules/ctrf/dist/ctrf-schema-0.0.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
addFormats(ajv);
const { $schema: _drop, ...rest } = schema;
const validate = ajv.compile(rest);
const fixture = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(ingestFixtures, 'ctrf', name), 'utf8'));

describe('the CTRF fixtures are what they claim to be', () => {
  it.each(['jest.json', 'playwright.json', 'hostile-names.json'])('%s is valid CTRF', (name) => {
    const doc = fixture(name);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  });

  it('malformed.json is invalid CTRF (results.tests is not a list)', () => {
    expect(validate(fixture('malformed.json'))).toBe(false);
    expect(validate.errors?.some((e) => e.instancePath === '/results/tests')).toBe(true);
  });

  it('truncated.json is not even JSON, and is the start of jest.json', () => {
    const text = fs.readFileSync(path.join(ingestFixtures, 'ctrf', 'truncated.json'), 'utf8');
    expect(() => JSON.parse(text)).toThrow();
    expect(fs.readFileSync(path.join(ingestFixtures, 'ctrf', 'jest.json'), 'utf8').startsWith(text)).toBe(true);
  });
});
