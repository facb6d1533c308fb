import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { QUARANTINE_TAG } from '../../src/agents/builtin/quarantine-tag.js';
import type { EarlierResult } from '../../src/plugin/contract.js';
import { removedImportOf } from './quarantined.js';

/** An earlier plugin's `obsolete_test` finding on a test, kept for the quarantined-test check. */
export const EarlierObsolete = z.object({ tool: z.string(), nodeId: z.string(), fingerprint: z.string(), title: z.string() });
export type EarlierObsolete = z.infer<typeof EarlierObsolete>;

/** The artifact holding them, under `raw/skip-audit/`. */
export const EARLIER_OBSOLETE = 'earlier-obsolete.json';

/** Obsolete tests other plugins (coverage: runs no project code) reported in this run. Pure. */
export function earlierObsolete(earlier: readonly EarlierResult[]): EarlierObsolete[] {
  return earlier.flatMap((r) => r.findings.flatMap((f) => (f.kind === 'obsolete_test' && f.scope.nodeId ? [{ tool: f.tool, nodeId: f.scope.nodeId, fingerprint: f.fingerprint, title: f.title }] : [])));
}

// The tag, then the rest of the marker line: the reason is in there.
const MARKER_REASON = new RegExp(`${QUARANTINE_TAG}[^\\n]*`, 'g');

/**
 * The removed imports that ATQOS quarantine markers in the test files name, so the inventory
 * helper checks whether the module still lacks the name: a quarantine stays justified only while
 * it does. Read from the raw text (collect is the stage that reads files).
 */
export function quarantinedImports(repoDir: string, files: readonly string[]): { module: string; name: string }[] {
  const out = new Map<string, { module: string; name: string }>();
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(path.join(repoDir, file), 'utf8');
    } catch {
      continue;
    }
    for (const m of text.matchAll(MARKER_REASON)) {
      const removed = removedImportOf(m[0]);
      if (removed) out.set(`${removed.module}\u0000${removed.name}`, removed);
    }
  }
  return [...out.values()];
}
