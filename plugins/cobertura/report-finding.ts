import { fingerprint, messageSignature } from '../../src/core/index.js';
import type { Finding } from '../../src/core/index.js';

/** A problem with an ingested report as a whole: a `tool_error`, so the run is never green. */
export function reportProblemFinding(tool: string, report: string, key: string, title: string, message: string, artifacts: Finding['artifacts']): Finding {
  return {
    tool,
    kind: 'tool_error',
    severity: 'high',
    category: 'tool',
    scope: {},
    // Digits folded: "line 12" and "line 13" of the same broken producer are one problem.
    fingerprint: fingerprint([tool, 'tool_error', report, messageSignature(key.replace(/\d+/g, '#'))]),
    title,
    message,
    evidence: { sourceFiles: [], excerpt: key },
    artifacts,
  };
}
