import { z } from 'zod';
import type { Finding } from '../../src/core/index.js';
import type { EarlierResult } from '../../src/plugin/contract.js';

/** An earlier plugin's failure on importing a name from a module: `cannot import name 'X' from 'a.b'`. */
export const FailedImport = z.object({
  fingerprint: z.string(),
  tool: z.string(),
  kind: z.string(),
  /** The failing module or test (pytest node id). */
  nodeId: z.string(),
  module: z.string(),
  name: z.string(),
  message: z.string(),
});
export type FailedImport = z.infer<typeof FailedImport>;

const CANNOT_IMPORT = /cannot import name '([^'\s]+)' from '([\w.]+)'/;
const KINDS = new Set(['collection_error', 'test_error']);

function failedImport(f: Finding): FailedImport | undefined {
  if (!KINDS.has(f.kind)) return undefined;
  const text = [f.message, f.evidence.assertionMessage, f.evidence.excerpt].filter(Boolean).join('\n');
  const m = CANNOT_IMPORT.exec(text);
  const nodeId = f.scope.nodeId ?? f.scope.file;
  if (!m || !nodeId) return undefined;
  return { fingerprint: f.fingerprint, tool: f.tool, kind: f.kind, nodeId, module: m[2]!, name: m[1]!, message: m[0] };
}

/** Imports of missing names that earlier plugins (pytest) reported in this run. Pure. */
export function failedImports(earlier: readonly EarlierResult[]): FailedImport[] {
  return earlier.flatMap((r) => r.findings.flatMap((f) => failedImport(f) ?? []));
}
