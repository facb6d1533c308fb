import { fingerprint, messageSignature } from '../core/index.js';
import type { Finding } from '../core/index.js';

/** A finding for a tool or plugin that failed: what happened and what to do, never a crash. */
export function toolErrorFinding(tool: string, stage: string, message: string, opts: { excerpt?: string; artifacts?: string[]; roots?: string[] } = {}): Finding {
  return {
    tool,
    kind: 'tool_error',
    severity: 'blocker',
    category: 'tool',
    scope: {},
    fingerprint: fingerprint([tool, 'tool_error', stage, messageSignature(message, opts.roots)]),
    title: `${tool}: ${stage} failed`,
    message,
    evidence: { excerpt: opts.excerpt, sourceFiles: [] },
    artifacts: (opts.artifacts ?? []).map((p) => ({ path: p })),
  };
}
