import type { AgentRequest, AgentResult } from '../agents/index.js';
import type { Finding, FindingKind } from '../core/index.js';
import type { DiagnoseInput, DiagnosisRecord } from './diagnose-findings.js';
import { diagnosisRequest, parseDiagnosis } from './diagnosis-request.js';
import { parseSkipReasonAnswer, skipVerdictRequest, statedSkipReason } from './skip-verdict-request.js';

/** Findings worth a root-cause diagnosis: something failed (not a coverage gap or a skip). */
export const DIAGNOSABLE_KINDS: readonly FindingKind[] = ['test_failure', 'test_error', 'collection_error', 'env_error', 'type_error', 'lint_error'];

/** One read-only question about a finding: the request, and how the agent's answer is read. */
export interface Question {
  request(worktree: string): AgentRequest;
  answer(result: AgentResult | undefined): Pick<DiagnosisRecord, 'diagnosis' | 'skipReasonVerdict'> | { problem: string };
}

export type Asked = { finding: Finding; question: Question };

/** The questions this run asks: failures' root causes (`enabled`), skips' stated reasons (`skips`). */
export function questionsFor(input: DiagnoseInput): Asked[] {
  const o = { runId: input.runId, timeoutMs: input.timeoutMs, maxTurns: input.maxTurns };
  const failures: Asked[] = !input.config.enabled ? [] : input.findings.filter((f) => DIAGNOSABLE_KINDS.includes(f.kind)).slice(0, input.config.maxFindings).map((f) => ({
    finding: f,
    question: {
      request: (worktree) => diagnosisRequest(f, { ...o, worktree }),
      answer: (result) => {
        const p = parseDiagnosis(result);
        return 'problem' in p ? p : { diagnosis: p.diagnosis };
      },
    },
  }));
  // A skip without a stated reason is not asked about: an agent would have to invent the reason.
  const skips = !input.config.skips ? [] : input.findings.flatMap((f) => {
    const reason = statedSkipReason(f);
    return reason ? [{ f, reason }] : [];
  }).slice(0, input.config.maxFindings).map(({ f, reason }): Asked => ({
    finding: f,
    question: {
      request: (worktree) => skipVerdictRequest(f, reason, { ...o, worktree }),
      answer: (result) => {
        const p = parseSkipReasonAnswer(result);
        return 'problem' in p ? p : { skipReasonVerdict: { reason, ...p.answer } };
      },
    },
  }));
  return [...failures, ...skips];
}

