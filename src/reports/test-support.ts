// Schema validators for the specs of the SARIF and CTRF reports. Not part of the build.
import fs from 'node:fs';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
/** The published schemas, from npm packages that ship them (not copies of ours). */
const fromModules = (rel: string): Record<string, unknown> => JSON.parse(fs.readFileSync(new URL(`../../node_modules/${rel}`, import.meta.url), 'utf8')) as Record<string, unknown>;
/**
 * SARIF 2.1.0 as `@microsoft/jest-sarif` ships it (rtm.5, the last draft before the OASIS
 * standard; no npm package ships the final `sarif-schema-2.1.0.json`).
 */
export const SARIF_SCHEMA = fromModules('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
export const CTRF_SCHEMA = fromModules('ctrf/dist/ctrf-schema-0.0.json');

/** A compiled validator; `validateSchema: false` because ajv does not know draft-04 meta-schemas. */
export function validator(schema: Record<string, unknown>): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, unicodeRegExp: false });
  addFormats(ajv);
  // The SARIF schema is draft-04: its only draft-04-only keyword is the top-level `id`.
  const { $schema: _ignored, id, ...rest } = schema;
  return ajv.compile(typeof id === 'string' ? { $id: id, ...rest } : rest);
}
