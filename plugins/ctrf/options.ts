import { z } from 'zod';
import { AtqosError } from '../../src/core/index.js';

/** `plugins.ctrf` takes no settings: the reports to read are given on the command line. */
export const CtrfOptions = z.strictObject({});
export type CtrfOptions = z.infer<typeof CtrfOptions>;

export function parseCtrfOptions(raw: unknown): CtrfOptions {
  const parsed = CtrfOptions.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const keys = issue?.code === 'unrecognized_keys' ? issue.keys.map((k) => `plugins.ctrf.${k}`).join(', ') : 'plugins.ctrf';
  throw new AtqosError('config_invalid', `${keys}: plugins.ctrf takes no settings`, {
    hint: 'remove the keys under plugins.ctrf in .github/atqos.yml; pass reports with `atqos ingest --format ctrf FILE...`',
  });
}
