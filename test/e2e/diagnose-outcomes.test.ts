import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { atqos, copyProject, gitStatus, makeProject, parseJsonOut, removeTempDirs } from './support.js';
import { outcomeCounts, pytestSummaryCounts } from './oracles.js';

interface Outcome {
  runDir: string;
  status: string;
  conclusion: string;
  counts: Record<string, number> | null;
  tools: { plugin: string; trustworthy: boolean; notes: string[] }[];
  findings: { kind: string; severity: string; message: string }[];
}

async function diagnose(repo: string) {
  const r = await atqos(['diagnose', '--json', '--repo', repo], repo);
  return { r, out: parseJsonOut<Outcome>(r) };
}

const DEBIAN_PYTHON = '/usr/bin/python3';

afterAll(removeTempDirs);

describe('green and never-green outcomes', () => {
  it('clean project: exit 0, green, no findings, counts as pytest printed them', async () => {
    const { r, out } = await diagnose(copyProject('clean'));
    expect(r.code, r.stderr).toBe(0);
    expect(out.conclusion).toBe('green');
    expect(out.findings).toEqual([]);
    const pytest = pytestSummaryCounts(fs.readFileSync(path.join(out.runDir, 'raw', 'pytest', 'pytest.stdout'), 'utf8'));
    expect(pytest.passed).toBeGreaterThan(0);
    expect(outcomeCounts(out.counts)).toEqual(pytest);
  });

  it.runIf(fs.existsSync(DEBIAN_PYTHON))('clean project under another interpreter (plugins.pytest.python) is green with the same counts', async () => {
    const [def, debian] = await Promise.all([
      diagnose(copyProject('clean')),
      diagnose(copyProject('clean', { '.github/atqos.yml': `plugins:\n  pytest:\n    python: ${DEBIAN_PYTHON}\n` })),
    ]);
    expect(debian.r.code, debian.r.stderr).toBe(0);
    expect(debian.out.conclusion).toBe('green');
    expect(outcomeCounts(debian.out.counts)).toEqual(outcomeCounts(def.out.counts));
    // It really ran the other interpreter: pytest's header names the Python it runs on.
    const header = fs.readFileSync(path.join(debian.out.runDir, 'raw', 'pytest', 'pytest.stdout'), 'utf8');
    const defHeader = fs.readFileSync(path.join(def.out.runDir, 'raw', 'pytest', 'pytest.stdout'), 'utf8');
    const platform = (s: string) => /^platform .*$/m.exec(s)?.[0];
    expect(platform(header)).toBeDefined();
    expect(platform(header)).not.toBe(platform(defHeader));
  });

  it('a project without tests (pytest exit 5) is an error, never green, and says no tests ran', async () => {
    const repo = makeProject('no-tests', { 'pytest.ini': '[pytest]\ntestpaths = tests\n', 'tests/helpers.py': 'VALUE = 1\n' });
    const { r, out } = await diagnose(repo);
    expect(r.code, r.stderr).toBe(2);
    expect(out.conclusion).toBe('error');
    const said = [...out.findings.map((f) => f.message), ...out.tools.flatMap((t) => t.notes)].join('\n');
    expect(said).toMatch(/no tests/i);
    expect(gitStatus(repo)).toBe('');
  });

  it('a missing interpreter is a tool_error naming the interpreter and the key to fix', async () => {
    const repo = makeProject('no-python', {
      '.github/atqos.yml': 'plugins:\n  pytest:\n    python: /nonexistent/python3\n',
      'tests/test_one.py': 'def test_one():\n    assert True\n',
    });
    const { r, out } = await diagnose(repo);
    expect(r.code, r.stderr).toBe(2);
    expect(out.conclusion).toBe('error');
    const problem = out.findings.find((f) => f.message.includes('/nonexistent/python3'));
    expect(problem, JSON.stringify(out.findings, null, 2)).toBeDefined();
    expect(problem!.message).toContain('plugins.pytest.python');
    expect(problem!.kind).toBe('tool_error');
  });
});
