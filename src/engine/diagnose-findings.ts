import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getAgent } from '../agents/index.js';
import type { AgentAdapter } from '../agents/index.js';
import type { Finding } from '../core/index.js';
import { describeError } from '../core/index.js';
import { createTaskWorktree, diffWorktree, removeTaskWorktree } from '../git/index.js';
import type { Logger } from '../plugin/contract.js';
import { scrubText } from '../secrets/index.js';
import type { Diagnosis } from './diagnosis-request.js';
import { questionsFor } from './diagnosis-questions.js';
import type { Asked } from './diagnosis-questions.js';
import type { SkipReasonAnswer } from './skip-verdict-request.js';

export { DIAGNOSABLE_KINDS } from './diagnosis-questions.js';

export interface DiagnoseInput {
  runId: string;
  runDir: string;
  repoDir: string;
  /** The commit the run tested: each diagnosis gets a detached worktree there. */
  baseSha: string;
  findings: readonly Finding[];
  /**
   * `agents.diagnose` plus the agent it falls back to (`agents.default`): `enabled` asks for the
   * root cause of failures, `skips` whether a skip's stated reason still holds.
   */
  config: { agent?: string | undefined; enabled: boolean; maxFindings: number; skips?: boolean | undefined };
  defaultAgent: string;
  agents: ReadonlyMap<string, AgentAdapter>;
  /** The environment an agent's process gets: the tool allowlist plus that agent's keys only. */
  agentEnv: (id: string) => Readonly<Record<string, string>>;
  timeoutMs: number;
  maxTurns?: number | undefined;
  signal: AbortSignal;
  log: Logger;
}

/** How one finding's diagnosis went; `diagnosis` only when it was answered and nothing was edited. */
export interface DiagnosisRecord {
  fingerprint: string;
  agent: string;
  status: 'diagnosed' | 'no_answer' | 'edited' | 'failed';
  reason?: string;
  diagnosis?: Diagnosis;
  /** For a skip finding: the agent's verdict on the skip's stated reason. */
  skipReasonVerdict?: SkipReasonVerdict;
}

/** What `evidence.details.skipReasonVerdict` holds: the reason asked about and the agent's answer. Never acted on. */
export interface SkipReasonVerdict extends SkipReasonAnswer {
  /** The skip's stated reason, as the question quoted it. */
  reason: string;
}

/** What `evidence.details.diagnosis` holds. Advice for people and agents; nothing decides on it. */
export interface AttachedDiagnosis extends Diagnosis {
  agent: string;
}

/** What `evidence.details.skipReasonVerdict` holds on a finding: advice, explicitly unverified. */
export interface AttachedSkipReasonVerdict extends SkipReasonVerdict {
  agent: string;
  verified: false;
}

/**
 * Asks one agent, read-only, for the root cause of up to `maxFindings` failing findings, each in
 * a fresh detached worktree at `baseSha` that is diffed afterwards: an agent that changed
 * anything has its answer discarded. Returns the findings with `evidence.details.diagnosis`
 * attached (copies; plan, tasks and decisions are untouched) and one record per finding asked.
 * Never throws for what an agent does; an unknown agent id is one record per finding.
 */
export async function diagnoseFindings(input: DiagnoseInput): Promise<{ findings: Finding[]; records: DiagnosisRecord[] }> {
  if (!input.config.enabled && !input.config.skips) return { findings: [...input.findings], records: [] };
  const agentId = input.config.agent ?? input.defaultAgent;
  const chosen = questionsFor(input);
  let agent: AgentAdapter;
  try {
    agent = getAgent(input.agents, agentId, input.config.agent ? 'agents.diagnose.agent' : 'agents.default');
  } catch (err) {
    const reason = describeError(err);
    return { findings: [...input.findings], records: chosen.map(({ finding: f }) => ({ fingerprint: f.fingerprint, agent: agentId, status: 'failed', reason })) };
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `atqos-diag-${input.runId}-`));
  const records: DiagnosisRecord[] = [];
  try {
    for (const asked of chosen) {
      if (input.signal.aborted) break;
      records.push(await diagnoseOne(asked, agent, root, input));
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  return { findings: attach(input.findings, records), records };
}

async function diagnoseOne({ finding: f, question }: Asked, agent: AgentAdapter, root: string, input: DiagnoseInput): Promise<DiagnosisRecord> {
  const fp12 = f.fingerprint.slice(0, 12);
  const base = { fingerprint: f.fingerprint, agent: agent.id };
  const attemptDir = path.join(input.runDir, 'diagnoses', fp12);
  fs.mkdirSync(attemptDir, { recursive: true });
  const worktree = path.join(root, fp12);
  const gitLog = { logDir: path.join(attemptDir, 'git') };
  try {
    await createTaskWorktree({ repo: input.repoDir, baseSha: input.baseSha, dir: worktree }, gitLog);
    const outcome = await agent.attempt(question.request(worktree), { attemptDir, env: input.agentEnv(agent.id), log: input.log, signal: input.signal });
    const diff = await diffWorktree(worktree, input.baseSha);
    if (diff.changes.length > 0) {
      // Kept as evidence of the broken rule; the worktree itself is thrown away below.
      fs.writeFileSync(path.join(attemptDir, 'diff.patch'), scrubText(diff.patch));
      const files = diff.changes.map((c) => c.path).slice(0, 5).join(', ');
      return record(attemptDir, { ...base, status: 'edited', reason: `the agent changed ${diff.changes.length} file(s) (${files}) during a read-only diagnosis; its answer was discarded` });
    }
    const answer = question.answer(outcome.result);
    if ('problem' in answer) return record(attemptDir, { ...base, status: 'no_answer', reason: outcome.error ?? answer.problem });
    return record(attemptDir, { ...base, status: 'diagnosed', ...answer });
  } catch (err) {
    return record(attemptDir, { ...base, status: 'failed', reason: describeError(err) });
  } finally {
    await removeTaskWorktree(input.repoDir, worktree, gitLog).catch(() => undefined);
  }
}

function record(attemptDir: string, r: DiagnosisRecord): DiagnosisRecord {
  fs.writeFileSync(path.join(attemptDir, 'diagnosis.json'), scrubText(`${JSON.stringify(r, null, 2)}\n`));
  return r;
}

function attach(findings: readonly Finding[], records: readonly DiagnosisRecord[]): Finding[] {
  const byFp = new Map(records.filter((r) => r.diagnosis || r.skipReasonVerdict).map((r) => [r.fingerprint, r]));
  return findings.map((f) => {
    const r = byFp.get(f.fingerprint);
    if (!r) return f;
    const details = { ...f.evidence.details };
    if (r.diagnosis) details['diagnosis'] = { agent: r.agent, ...r.diagnosis } satisfies AttachedDiagnosis;
    if (r.skipReasonVerdict) details['skipReasonVerdict'] = { agent: r.agent, ...r.skipReasonVerdict, verified: false } satisfies AttachedSkipReasonVerdict;
    return { ...f, evidence: { ...f.evidence, details } };
  });
}
