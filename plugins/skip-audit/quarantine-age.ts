import { z } from 'zod';
import type { NormalizeInput } from '../../src/plugin/contract.js';
import { ageDays, BlameTarget, parseBlamePorcelain } from './blame.js';
import type { QuarantineAge } from './verdicts.js';

/** Ages of the blamed lines (collect blames every ATQOS quarantine's line), read from the raw artifacts. Pure. */
export function quarantineAges(input: Pick<NormalizeInput, 'read' | 'runStartedAtMs'>): QuarantineAge {
  let targets: BlameTarget[] = [];
  try {
    targets = z.array(BlameTarget).parse(JSON.parse(input.read('blameTargets') ?? '[]'));
  } catch {
    // A missing or broken list only means the ages are unknown; the verdict says so.
  }
  return (file, line) => {
    const t = targets.find((x) => x.file === file && x.line === line);
    const blame = t && parseBlamePorcelain(input.read(t.artifact));
    if (!blame?.committed) return undefined;
    return { ageDays: ageDays(blame, input.runStartedAtMs), since: new Date(blame.authorTimeMs).toISOString().slice(0, 10) };
  };
}
