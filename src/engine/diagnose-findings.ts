import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getAgent } from '../agents/index.js';
import type { AgentAdapter } from '../agents/index.js';
import type { Finding, FindingKind } from '../core/index.js';
import { describeError } from '../core/index.js';
import { createTaskWorktree, diffWorktree, removeTaskWorktree } from '../git/index.js';
import type { Logger } from '../plugin/contract.js';
import { scrubText } from '../secrets/index.js';
import { diagnosisRequest, parseDiagnosis } from './diagnosis-request.js';
import type { Diagnosis } from './diagnosis-request.js';

/** Findings worth a root-cause diagnosis: something failed (not a coverage gap or a skip). */
export const DIAGNOSABLE_KINDS: readonly FindingKind[] = ['test_failure', 'test_error', 'collection_error', 'env_error', 'type_error', 'lint_error'];

export interface DiagnoseInput {
  runId: string;
  runDir: string;
  repoDir: string;
  /** The commit the run tested: each diagnosis gets a detached worktree there. */
  baseSha: string;
  findings: readonly Finding[];
  /** `agents.diagnose` plus the agent it falls back to (`agents.default`). */
  config: { agent?: string | undefined; enabled: boolean; maxFindings: number };
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
}

/** What `evidence.details.diagnosis` holds. Advice for people and agents; nothing decides on it. */
export interface AttachedDiagnosis extends Diagnosis {
  agent: string;
}

/**
 * Asks one agent, read-only, for the root cause of up to `maxFindings` failing findings, each in
 * a fresh detached worktree at `baseSha` that is diffed afterwards: an agent that changed
 * anything has its answer discarded. Returns the findings with `evidence.details.diagnosis`
 * attached (copies; plan, tasks and decisions are untouched) and one record per finding asked.
 * Never throws for what an agent does; an unknown agent id is one record per finding.
 */
export async function diagnoseFindings(input: DiagnoseInput): Promise<{ findings: Finding[]; records: DiagnosisRecord[] }> {
  if (!input.config.enabled) return { findings: [...input.findings], records: [] };
  const agentId = input.config.agent ?? input.defaultAgent;
  const chosen = input.findings.filter((f) => DIAGNOSABLE_KINDS.includes(f.kind)).slice(0, input.config.maxFindings);
  let agent: AgentAdapter;
  try {
    agent = getAgent(input.agents, agentId, input.config.agent ? 'agents.diagnose.agent' : 'agents.default');
  } catch (err) {
    const reason = describeError(err);
    return { findings: [...input.findings], records: chosen.map((f) => ({ fingerprint: f.fingerprint, agent: agentId, status: 'failed', reason })) };
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `atqos-diag-${input.runId}-`));
  const records: DiagnosisRecord[] = [];
  try {
    for (const f of chosen) {
      if (input.signal.aborted) break;
      records.push(await diagnoseOne(f, agent, root, input));
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  return { findings: attach(input.findings, records), records };
}

async function diagnoseOne(f: Finding, agent: AgentAdapter, root: string, input: DiagnoseInput): Promise<DiagnosisRecord> {
  const fp12 = f.fingerprint.slice(0, 12);
  const base = { fingerprint: f.fingerprint, agent: agent.id };
  const attemptDir = path.join(input.runDir, 'diagnoses', fp12);
  fs.mkdirSync(attemptDir, { recursive: true });
  const worktree = path.join(root, fp12);
  const gitLog = { logDir: path.join(attemptDir, 'git') };
  try {
    await createTaskWorktree({ repo: input.repoDir, baseSha: input.baseSha, dir: worktree }, gitLog);
    const req = diagnosisRequest(f, { runId: input.runId, worktree, timeoutMs: input.timeoutMs, maxTurns: input.maxTurns });
    const outcome = await agent.attempt(req, { attemptDir, env: input.agentEnv(agent.id), log: input.log, signal: input.signal });
    const diff = await diffWorktree(worktree, input.baseSha);
    if (diff.changes.length > 0) {
      // Kept as evidence of the broken rule; the worktree itself is thrown away below.
      fs.writeFileSync(path.join(attemptDir, 'diff.patch'), scrubText(diff.patch));
      const files = diff.changes.map((c) => c.path).slice(0, 5).join(', ');
      return record(attemptDir, { ...base, status: 'edited', reason: `the agent changed ${diff.changes.length} file(s) (${files}) during a read-only diagnosis; its answer was discarded` });
    }
    const parsed = parseDiagnosis(outcome.result);
    if ('problem' in parsed) return record(attemptDir, { ...base, status: 'no_answer', reason: outcome.error ?? parsed.problem });
    return record(attemptDir, { ...base, status: 'diagnosed', diagnosis: parsed.diagnosis });
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
  const byFp = new Map(records.filter((r) => r.diagnosis).map((r) => [r.fingerprint, r]));
  return findings.map((f) => {
    const r = byFp.get(f.fingerprint);
    if (!r?.diagnosis) return f;
    const diagnosis: AttachedDiagnosis = { agent: r.agent, ...r.diagnosis };
    return { ...f, evidence: { ...f.evidence, details: { ...f.evidence.details, diagnosis } } };
  });
}
