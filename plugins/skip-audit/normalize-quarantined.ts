import { z } from 'zod';
import type { Finding } from '../../src/core/index.js';
import type { NormalizeInput, NormalizeOutput } from '../../src/plugin/contract.js';
import { ageDays, BlameTarget, parseBlamePorcelain } from './blame.js';
import { parseSkipInventory } from './inventory.js';
import { normalize } from './normalize.js';
import { EarlierObsolete } from './quarantine-evidence.js';
import { quarantinedFindings } from './quarantined.js';
import { parseOptions } from './schema.js';

function readJson<T>(text: string | undefined, schema: z.ZodType<T>): T {
  try {
    const r = schema.safeParse(JSON.parse(text ?? '[]'));
    return r.success ? r.data : ([] as T);
  } catch {
    return [] as T;
  }
}

/**
 * The skip audit's findings plus its quarantined obsolete tests (`quarantined.ts`). A quarantined
 * test's finding replaces one with the same fingerprint (the old permanent skip it was
 * quarantined for) and supersedes what other plugins said about it. Pure.
 */
export function normalizeWithQuarantined(input: NormalizeInput): NormalizeOutput {
  const out = normalize(input);
  const parsed = parseSkipInventory(input.read('inventory'));
  if (!parsed.ok) return out;
  const options = parseOptions(input.options);
  const targets = readJson(input.read('blameTargets'), z.array(BlameTarget));
  const quarantined = quarantinedFindings({
    inv: parsed.inventory,
    blame: (file, line) => parseBlamePorcelain(input.read(targets.find((t) => t.file === file && t.line === line)?.artifact ?? '')),
    earlier: readJson(input.read('earlierObsolete'), z.array(EarlierObsolete)),
    ageDays: (b) => ageDays(b, input.runStartedAtMs),
    deleteAfterDays: options.deleteAfterDays,
  });
  const replaced = new Set(quarantined.map((f) => f.fingerprint));
  const findings: Finding[] = [...quarantined, ...out.findings.filter((f) => !replaced.has(f.fingerprint))];
  return { ...out, findings };
}
