import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'dist', 'atqos.mjs');
const action = parse(fs.readFileSync(path.join(root, 'action.yml'), 'utf8')) as { runs: { steps: { id?: string; run: string; env: Record<string, string> }[] } };
const step = action.runs.steps.find((s) => s.id === 'diagnose');

function project(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-action-'));
  fs.cpSync(path.join(root, 'fixtures', 'projects', name), dir, { recursive: true, filter: (src) => !/\.atqos|__pycache__|\.pytest_cache/.test(src) });
  return dir;
}

/** Runs the composite step's script as GitHub would: bash, the step's env, RUNNER_TEMP and GITHUB_OUTPUT. */
function runStep(dir: string, failOn: string) {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-runner-temp-'));
  const output = path.join(temp, 'output.txt');
  fs.writeFileSync(output, '');
  const env = { ...process.env, RUNNER_TEMP: temp, GITHUB_OUTPUT: output, ATQOS_LANE: '', ATQOS_CONFIG: '.github/atqos.yml', ATQOS_CLI: cli, ATQOS_FAIL_ON: failOn };
  const res = spawnSync('bash', ['-e', '-c', step?.run ?? ''], { cwd: dir, env, encoding: 'utf8' });
  const outputs = Object.fromEntries(fs.readFileSync(output, 'utf8').trim().split('\n').filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2)));
  return { code: res.status, outputs };
}

describe('the Action diagnose step', () => {
  it('has a diagnose step that uses the bundled CLI', () => {
    expect(step?.env.ATQOS_CLI).toContain('dist/atqos.mjs');
    expect(fs.existsSync(cli), 'run npm run build first').toBe(true);
  });

  it('fails the job on red by default, and sets run-dir and conclusion outputs', () => {
    const dir = project('demo');
    const { code, outputs } = runStep(dir, 'red');
    expect(code).toBe(1);
    expect(outputs.conclusion).toBe('red');
    expect(fs.existsSync(path.join(outputs['run-dir'] ?? '', 'reports', 'summary.md'))).toBe(true);
    expect(runStep(dir, 'error').code).toBe(0);
    expect(runStep(dir, 'never').code).toBe(0);
  });

  it('passes on a green project', () => {
    const { code, outputs } = runStep(project('clean'), 'red');
    expect(code).toBe(0);
    expect(outputs.conclusion).toBe('green');
  });
});
