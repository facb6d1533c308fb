import { z } from 'zod';
import { AtqosError } from '../../src/core/index.js';

/** `plugins.junit` takes no settings: the reports to read are given on the command line. */
export const JunitOptions = z.strictObject({});
export type JunitOptions = z.infer<typeof JunitOptions>;

export function parseJunitOptions(raw: unknown): JunitOptions {
  const parsed = JunitOptions.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const keys = issue && 'keys' in issue ? ` (${(issue.keys as string[]).join(', ')})` : '';
  throw new AtqosError('config_invalid', `plugins.junit: takes no settings${keys}`, {
    hint: 'remove the keys under plugins.junit in .github/atqos.yml; pass reports with `atqos ingest --format junit FILE...`',
  });
}
