import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAgentRegistry } from '../agents/index.js';
import type { Finding } from '../core/index.js';
import { checkoutState, makeRepo, sh, tempDir } from '../git/test-support.js';
import { silentLogger } from './logger.js';
import { diagnoseFindings } from './diagnose-findings.js';
import type { DiagnoseInput } from './diagnose-findings.js';
import { parseDiagnosis } from './diagnosis-request.js';

const CLAUDE = path.resolve('fixtures/agent-clis/claude');
const KEY = 'sk-ant-test-diag-0123456789abcdef';

function finding(kind: Finding['kind'], fp: string): Finding {
  return {
    tool: 'pytest', kind, severity: 'high', category: 'assertion',
    scope: { file: 'tests/test_calc.py', nodeId: 'tests/test_calc.py::test_add', line: 5 },
    fingerprint: fp.repeat(40), title: 'test_add failed', message: 'assert -1 == 5',
    evidence: { assertionMessage: 'assert -1 == 5', sourceFiles: ['src/calc.py'], excerpt: 'E assert -1 == 5', details: { keep: 1 } },
    artifacts: [],
  };
}

function setup(env: Record<string, string>, config: Partial<DiagnoseInput['config']> = {}): DiagnoseInput {
  const { repo, base } = makeRepo({ 'src/calc.py': 'def add(a, b):\n    return a - b\n', 'tests/test_calc.py': 'from calc import add\n\ndef test_add():\n    assert add(2, 3) == 5\n' });
  const edits = path.join(tempDir(), 'edits.json');
  fs.writeFileSync(edits, JSON.stringify([{ path: 'src/calc.py', find: 'a - b', replace: 'a + b' }]));
  const agentEnv: Record<string, string> = { PATH: [path.dirname(process.execPath), process.env.PATH ?? ''].join(path.delimiter), ANTHROPIC_API_KEY: KEY, ...env };
  if (env.FAKE_CLI_EDITS === 'yes') agentEnv.FAKE_CLI_EDITS = edits;
  return {
    runId: 'r1', runDir: tempDir('atqos-diag-run-'), repoDir: repo, baseSha: base,
    findings: [finding('test_failure', 'a'), finding('coverage_gap', 'b'), finding('test_error', 'c')],
    config: { enabled: true, maxFindings: 10, ...config }, defaultAgent: 'claude-code',
    agents: createAgentRegistry({ 'claude-code': { bin: CLAUDE } }), agentEnv: () => agentEnv,
    timeoutMs: 20_000, signal: new AbortController().signal, log: silentLogger,
  };
}

describe('diagnoseFindings (fake claude CLI)', () => {
  it('attaches the agent\'s root cause to each failing finding and nothing else', async () => {
    const input = setup({ FAKE_CLI_SCENARIO: 'diagnose' }, { maxFindings: 1 });
    const before = checkoutState(input.repoDir);
    const { findings, records } = await diagnoseFindings(input);
    expect(records.map((r) => [r.fingerprint[0], r.status])).toEqual([['a', 'diagnosed']]);
    expect(findings[0]?.evidence.details).toEqual({
      keep: 1,
      diagnosis: { agent: 'claude-code', rootCause: 'add() in src/calc.py subtracts instead of adding', confidence: 0.85, suggestedFix: 'return a + b in add()' },
    });
    // Only the one finding asked about changes; the input findings are not mutated.
    expect(findings.slice(1)).toEqual(input.findings.slice(1));
    expect(input.findings[0]?.evidence.details).toEqual({ keep: 1 });
    expect(checkoutState(input.repoDir)).toEqual(before);
    expect(sh(input.repoDir, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
    const prompt = fs.readFileSync(path.join(input.runDir, 'diagnoses', 'a'.repeat(12), 'prompt.md'), 'utf8');
    expect(prompt).toContain('read-only diagnosis');
    expect(prompt).toContain('assert -1 == 5');
    const files = fs.readdirSync(input.runDir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
    expect(files.length).toBeGreaterThan(3);
    for (const d of files) expect(fs.readFileSync(path.join(d.parentPath, d.name), 'utf8')).not.toContain(KEY);
  });

  it('discards the answer of an agent that edited the worktree, and keeps its diff as evidence', async () => {
    const input = setup({ FAKE_CLI_SCENARIO: 'diagnose', FAKE_CLI_EDITS: 'yes' });
    const before = checkoutState(input.repoDir);
    const { findings, records } = await diagnoseFindings(input);
    expect(records.map((r) => r.status)).toEqual(['edited', 'edited']);
    expect(records[0]?.reason).toMatch(/changed 1 file\(s\) \(src\/calc\.py\) during a read-only diagnosis; its answer was discarded/);
    expect(findings).toEqual(input.findings);
    expect(fs.readFileSync(path.join(input.repoDir, 'src/calc.py'), 'utf8')).toContain('a - b');
    expect(checkoutState(input.repoDir)).toEqual(before);
    const dir = path.join(input.runDir, 'diagnoses', 'a'.repeat(12));
    expect(fs.readFileSync(path.join(dir, 'diff.patch'), 'utf8')).toContain('+    return a + b');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'diagnosis.json'), 'utf8')).status).toBe('edited');
  });

  it('records an answer without a diagnosis, and an agent failure, without attaching anything', async () => {
    const noJson = await diagnoseFindings(setup({ FAKE_CLI_SCENARIO: 'success-no-edits' }, { maxFindings: 1 }));
    expect(noJson.records[0]).toMatchObject({ status: 'no_answer', reason: 'neither notes nor summary holds a JSON object' });
    const crashed = await diagnoseFindings(setup({ FAKE_CLI_SCENARIO: 'execution-error' }, { maxFindings: 1 }));
    expect(crashed.records[0]?.status).toBe('no_answer');
    expect(crashed.records[0]?.reason).toMatch(/overloaded|529/i);
    expect(crashed.findings[0]?.evidence.details).toEqual({ keep: 1 });
  });

  it('does nothing when disabled, and names the setting for an unknown agent', async () => {
    const off = setup({}, { enabled: false });
    expect(await diagnoseFindings(off)).toEqual({ findings: off.findings, records: [] });
    const unknown = await diagnoseFindings(setup({}, { agent: 'gpt-9' }));
    expect(unknown.records.map((r) => r.status)).toEqual(['failed', 'failed']);
    expect(unknown.records[0]?.reason).toContain('agents.diagnose.agent');
  });
});

describe('parseDiagnosis', () => {
  it('reads notes, then summary, and rejects a confidence outside 0..1', () => {
    const d = { rootCause: 'x', confidence: 1, suggestedFix: 'y' };
    expect(parseDiagnosis({ status: 'gave_up', summary: 's', filesChanged: [], notes: JSON.stringify(d) })).toEqual({ diagnosis: d });
    expect(parseDiagnosis({ status: 'gave_up', summary: `here: ${JSON.stringify(d)}`, filesChanged: [] })).toEqual({ diagnosis: d });
    const bad = parseDiagnosis({ status: 'gave_up', summary: 's', filesChanged: [], notes: JSON.stringify({ ...d, confidence: 7 }) });
    expect(bad).toEqual({ problem: expect.stringMatching(/^the diagnosis JSON is invalid: confidence: /) });
    expect(parseDiagnosis(undefined)).toEqual({ problem: 'the agent printed no result' });
  });
});
