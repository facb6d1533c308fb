import { agentAllowEnv, createAgentRegistry } from '../agents/index.js';
import type { Finding } from '../core/index.js';
import { buildToolEnv } from '../runner/index.js';
import type { RunRecorder } from '../store/index.js';
import { diagnoseFindings } from './diagnose-findings.js';
import type { PreparedRun } from './prepare-run.js';

/**
 * The run lifecycle's diagnosis step (after planning, before remediation): with
 * `agents.diagnose.enabled` (or `.skips`), returns `findings` with `evidence.details.diagnosis`
 * (or `.skipReasonVerdict`) attached and records one `diagnosis.finished` event; otherwise
 * returns them unchanged and records nothing.
 * Tasks, statuses and decisions are never touched. Agents get the tool environment plus only
 * their own keys, as in remediation.
 */
export async function diagnoseRun(p: PreparedRun, recorder: RunRecorder, baseSha: string | undefined, findings: Finding[], parentEnv: NodeJS.ProcessEnv = process.env): Promise<Finding[]> {
  const cfg = p.config.agents.diagnose;
  if ((!cfg.enabled && !cfg.skips) || p.signal.aborted) return findings;
  if (!baseSha) {
    recorder.record('diagnosis.skipped', { reason: 'diagnosis needs a git repository with at least one commit' });
    return findings;
  }
  const { records, findings: diagnosed } = await diagnoseFindings({
    runId: p.runId, runDir: p.runDir, repoDir: p.repoDir, baseSha, findings, config: cfg, defaultAgent: p.config.agents.default,
    agents: createAgentRegistry(p.config.agents, { repoDir: p.repoDir }),
    agentEnv: (id) => buildToolEnv(parentEnv, { allow: [...p.config.env.allow, ...agentAllowEnv(p.config.agents, id)], set: p.config.env.set }),
    timeoutMs: Math.round(p.config.remediation.attemptTimeoutSec * 1000), maxTurns: p.config.remediation.maxTurns,
    signal: p.signal, log: p.log,
  });
  recorder.record('diagnosis.finished', {
    asked: records.length,
    diagnosed: records.filter((r) => r.status === 'diagnosed').length,
    records: records.map(({ diagnosis: _d, ...r }) => r),
  });
  return diagnosed;
}
