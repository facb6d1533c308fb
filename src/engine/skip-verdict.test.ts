// agents.diagnose.skips: an agent, read-only, is asked whether a skip's stated reason still holds.
// Real git repo and worktrees, a real `command` agent process (fixtures/agents/skip-verdict.mjs),
// the skip-audit plugin's own finding builders and plan.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAgentRegistry } from '../agents/index.js';
import { fakeAgent } from '../agents/test-support.js';
import type { Finding } from '../core/index.js';
import { checkoutState, makeRepo, tempDir } from '../git/test-support.js';
import { issueBody } from '../github/render/issue.js';
import type { PlanContext } from '../github/render/context.js';
import { buildQaReport } from '../reports/qa-report.js';
import type { ReportInput } from '../reports/report-input.js';
import { oldSkipFinding, unjustifiedFinding } from '../../plugins/skip-audit/findings.js';
import { skipAuditPlugin } from '../../plugins/skip-audit/index.js';
import type { SkipEntry } from '../../plugins/skip-audit/inventory.js';
import { silentLogger } from './logger.js';
import { diagnoseFindings } from './diagnose-findings.js';
import type { DiagnoseInput } from './diagnose-findings.js';
import { parseSkipReasonAnswer, statedSkipReason } from './skip-verdict-request.js';

const REASON = 'waits for calc.parse to support negative numbers (issue 12)';
const TEST_FILE = 'tests/test_parse.py';

const skip = (over: Partial<SkipEntry>): SkipEntry => ({
  kind: 'skip', file: TEST_FILE, line: 4, target: ['test_negative'], scope: 'function', reason: REASON, conditions: [], staticTruth: true, ...over,
});

/** An obsolete permanent skip with a reason, and one skip giving none (never asked about). */
function skipFindings(): Finding[] {
  const blame = { commit: 'c'.repeat(40), authorTimeMs: Date.parse('2023-01-01T00:00:00Z'), summary: 'skip until parse handles negatives' };
  const old = oldSkipFinding(skip({}), blame as Parameters<typeof oldSkipFinding>[1], 700, [`${TEST_FILE}::test_negative`]);
  const noReason = unjustifiedFinding(skip({ target: ['test_spaces'], line: 8, reason: null }));
  return [old, noReason];
}

function setup(env: Record<string, string>, config: Partial<DiagnoseInput['config']> = {}): DiagnoseInput {
  const { repo, base } = makeRepo({
    'calc/parse.py': 'def parse(s):\n    return int(s)\n',
    [TEST_FILE]: 'import pytest\nfrom calc.parse import parse\n\n@pytest.mark.skip(reason="waits for calc.parse to support negative numbers (issue 12)")\ndef test_negative():\n    assert parse("-3") == -3\n\n@pytest.mark.skip\ndef test_spaces():\n    assert parse(" 3") == 3\n',
  });
  return {
    runId: 'r1', runDir: tempDir('atqos-skip-verdict-run-'), repoDir: repo, baseSha: base,
    findings: skipFindings(),
    config: { enabled: false, skips: true, maxFindings: 10, agent: 'command', ...config }, defaultAgent: 'builtin',
    agents: createAgentRegistry({ command: { argv: [process.execPath, fakeAgent('skip-verdict.mjs')] } }),
    agentEnv: () => ({ PATH: [path.dirname(process.execPath), process.env.PATH ?? ''].join(path.delimiter), ...env }),
    timeoutMs: 20_000, signal: new AbortController().signal, log: silentLogger,
  };
}

const plan = (findings: Finding[]) => skipAuditPlugin.plan({ findings, options: skipAuditPlugin.parseOptions({}), isTestFile: (p) => p.startsWith('tests/') });

describe('a skip\'s stated reason, checked by an agent (agents.diagnose.skips)', () => {
  it('asks only about skips with a reason, quotes the reason, and stores the verdict as unverified advice', async () => {
    const input = setup({ FAKE_SKIP_VERDICT: 'no_longer_holds' });
    const before = checkoutState(input.repoDir);
    const { findings, records } = await diagnoseFindings(input);
    expect(records.map((r) => [r.fingerprint, r.status])).toEqual([[input.findings[0]!.fingerprint, 'diagnosed']]);
    expect(findings[0]!.evidence.details!['skipReasonVerdict']).toEqual({
      agent: 'command', reason: REASON, verdict: 'no_longer_holds', evidence: `fake agent read ${TEST_FILE}: no_longer_holds`, confidence: 0.6, verified: false,
    });
    // Everything else on the finding is as the audit made it; the skip without a reason is untouched.
    const { skipReasonVerdict: _v, ...rest } = findings[0]!.evidence.details!;
    expect(rest).toEqual(input.findings[0]!.evidence.details);
    expect(findings[1]).toEqual(input.findings[1]);
    expect(checkoutState(input.repoDir)).toEqual(before);
    const prompt = fs.readFileSync(path.join(input.runDir, 'diagnoses', input.findings[0]!.fingerprint.slice(0, 12), 'prompt.md'), 'utf8');
    expect(prompt).toContain(`The skip says:\n\n\`\`\`text\n${REASON}\n\`\`\``);
    expect(prompt).toContain('Does that reason still hold in this repository?');
    expect(prompt).toMatch(/holds \| no_longer_holds \| unknown/);
  });

  it('never changes the plan, whatever the agent says', async () => {
    const without = plan(skipFindings());
    expect(without.length).toBeGreaterThan(0);
    for (const verdict of ['holds', 'no_longer_holds', 'unknown']) {
      const { findings, records } = await diagnoseFindings(setup({ FAKE_SKIP_VERDICT: verdict }));
      expect(records[0]?.skipReasonVerdict?.verdict).toBe(verdict);
      expect(findings[0]!.evidence.details!['skipReasonVerdict']).toMatchObject({ verdict });
      expect(plan(findings)).toEqual(without);
    }
  }, 60_000);

  it('shows the verdict in the issue and the QA report as advice ATQOS does not act on', async () => {
    const { findings } = await diagnoseFindings(setup({ FAKE_SKIP_VERDICT: 'holds' }));
    const ctx = { input: { run: { id: 'r1', lane: 'nightly' }, repo: { owner: 'o', name: 'n' } }, sha: 'a'.repeat(40), labels: { issue: [] } } as unknown as PlanContext;
    const body = issueBody(ctx, findings[0]!);
    expect(body).toContain('### Skip reason check by `command`: the reason still holds (confidence 60%) — advice, not verified');
    expect(body).toContain('ATQOS takes no action on this verdict');
    expect(body).toContain(`The skip says: ${REASON}`);
    expect(issueBody(ctx, findings[1]!)).not.toContain('Skip reason check');
    const report = buildQaReport({ run: { id: 'r1', lane: 'nightly', startedAt: 'x' }, findings, tasks: [] } as unknown as ReportInput);
    expect(report.findings[0]!.agent_advice).toMatchObject({ verified: false, skip_reason_verdict: { verdict: 'holds', reason: REASON, verified: false } });
    expect(report.findings[1]!.agent_advice).toBeNull();
  });

  it('discards the answer of an agent that edited the worktree, and one that answers outside the three verdicts', async () => {
    const edited = await diagnoseFindings(setup({ FAKE_SKIP_VERDICT: 'holds', FAKE_SKIP_EDIT: '1' }));
    expect(edited.records[0]).toMatchObject({ status: 'edited', reason: expect.stringMatching(/changed 1 file\(s\) \(tests\/test_parse\.py\)/) });
    expect(edited.findings).toEqual(skipFindings());
    const wrong = await diagnoseFindings(setup({ FAKE_SKIP_VERDICT: 'probably' }));
    expect(wrong.records[0]).toMatchObject({ status: 'no_answer', reason: expect.stringMatching(/^the verdict JSON is invalid: verdict: /) });
    expect(wrong.findings).toEqual(skipFindings());
  });

  it('is off unless agents.diagnose.skips is set: diagnosing failures alone asks nothing about skips', async () => {
    const off = setup({ FAKE_SKIP_VERDICT: 'holds' }, { skips: false, enabled: true });
    const { records } = await diagnoseFindings(off);
    expect(records).toEqual([]);
  });
});

describe('statedSkipReason and parseSkipReasonAnswer', () => {
  it('reads the reason from the audit\'s details, and none from a finding that is no skip', () => {
    const [old, noReason] = skipFindings();
    expect(statedSkipReason(old!)).toBe(REASON);
    expect(statedSkipReason(noReason!)).toBeUndefined();
    const stale = { ...old!, kind: 'skip_stale' as const, evidence: { sourceFiles: [], details: { skips: [{ reason: 'flaky on CI' }, { reason: 'slow' }] } } };
    expect(statedSkipReason(stale)).toBe('flaky on CI / slow');
    expect(statedSkipReason({ ...old!, kind: 'test_failure' })).toBeUndefined();
  });

  it('reads notes, then summary, and names what is wrong', () => {
    const a = { verdict: 'holds', evidence: 'parse() still calls int()' };
    expect(parseSkipReasonAnswer({ status: 'gave_up', summary: 's', filesChanged: [], notes: JSON.stringify(a) })).toEqual({ answer: a });
    expect(parseSkipReasonAnswer({ status: 'gave_up', summary: `x ${JSON.stringify(a)}`, filesChanged: [] })).toEqual({ answer: a });
    expect(parseSkipReasonAnswer({ status: 'gave_up', summary: 's', filesChanged: [], notes: JSON.stringify({ verdict: 'holds' }) })).toEqual({ problem: expect.stringMatching(/^the verdict JSON is invalid: evidence: /) });
    expect(parseSkipReasonAnswer(undefined)).toEqual({ problem: 'the agent printed no result' });
  });
});
