// action/workflow-matrix.yml as GitHub runs it: its structure (plan → attempt matrix → integrate,
// what each job needs, uploads and is allowed), then its step scripts run with bash against a
// fixture repository, with GitHub's variables set and `${{ }}` expressions filled the way GitHub
// fills them, and artifacts "uploaded" and "downloaded" by copying folders as the actions lay them out.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseRunTitle, RUN_ARTIFACT_PREFIX } from '../../src/app/index.js';
import { readJson, removeTempDirs, ROOT, tempDir } from './support.js';
import { agentArgv, configuredFiles } from './run-support.js';
import { BIN, MatrixFixture } from './matrix-support.js';

afterAll(removeTempDirs);

interface Step { name?: string; id?: string; uses?: string; if?: string; run?: string; env?: Record<string, string>; with?: Record<string, unknown>; 'continue-on-error'?: boolean }
interface Job { needs?: string | string[]; if?: string; outputs?: Record<string, string>; strategy?: { matrix: string; 'max-parallel': number; 'fail-fast': boolean }; steps: Step[] }
interface Workflow {
  'run-name': string;
  on: { workflow_dispatch: { inputs: Record<string, { default: string }> } };
  permissions: Record<string, string>;
  env: Record<string, string>;
  jobs: Record<string, Job>;
}

const wf = parse(fs.readFileSync(path.join(ROOT, 'action', 'workflow-matrix.yml'), 'utf8')) as Workflow;
const single = parse(fs.readFileSync(path.join(ROOT, 'action', 'workflow-template.yml'), 'utf8')) as Workflow;
const { plan, attempt, integrate } = wf.jobs as { plan: Job; attempt: Job; integrate: Job };
const uploads = (job: Job) => job.steps.filter((s) => s.uses?.startsWith('actions/upload-artifact@'));
const downloads = (job: Job) => job.steps.filter((s) => s.uses?.startsWith('actions/download-artifact@'));

/** The value of a dotted context path (`needs.plan.outputs.jobs`) or a quoted literal. */
function operand(text: string, ctx: Record<string, unknown>): unknown {
  const t = text.trim();
  if (/^'.*'$/.test(t)) return t.slice(1, -1);
  if (t === 'always()') return true;
  const value = t.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), ctx);
  if (value === undefined) throw new Error(`the test's expression context has no ${t}`);
  return value;
}

/** GitHub's expression language, as much of it as the template uses: ||, &&, ==, != and fromJSON. */
function evaluate(expr: string, ctx: Record<string, unknown>): unknown {
  if (expr.includes('&&')) return expr.split('&&').every((p) => Boolean(evaluate(p, ctx)));
  if (expr.includes('||')) return expr.split('||').map((p) => evaluate(p, ctx)).find(Boolean) ?? '';
  const cmp = /^(.*?)\s*(==|!=)\s*(.*)$/.exec(expr.trim());
  if (cmp) return (String(operand(cmp[1]!, ctx)) === String(operand(cmp[3]!, ctx))) === (cmp[2] === '==');
  const json = /^fromJSON\((.*)\)$/.exec(expr.trim());
  return json ? JSON.parse(String(operand(json[1]!, ctx))) : operand(expr, ctx);
}

const fill = (text: string, ctx: Record<string, unknown>) => text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_m, e: string) => String(evaluate(e, ctx)));

describe('action/workflow-matrix.yml: structure', () => {
  it('is dispatched with the single template\'s inputs and run-name (the App matches runs by its request tag), and only reads', () => {
    expect(Object.keys(wf.on.workflow_dispatch.inputs).sort()).toEqual(Object.keys(single.on.workflow_dispatch.inputs).sort());
    expect(wf.on.workflow_dispatch.inputs.command?.default).toBe('run');
    expect(wf.permissions).toEqual({ contents: 'read' });
    const title = fill(wf['run-name'], { inputs: { command: 'run', lane: 'nightly', request: 'a1b2c3d4e5f6#7' } });
    expect(parseRunTitle(title)).toEqual({ command: 'run', lane: 'nightly', tag: { id: 'a1b2c3d4e5f6', thread: 7 } });
    expect(wf['run-name'].replace("'run'", "'diagnose'")).toBe(single['run-name']);
  });

  it('plan → attempt (a matrix from the plan job\'s output, no fail-fast, bounded) → integrate (after both, always, unless the plan job finished the run)', () => {
    expect(attempt.needs).toBe('plan');
    expect(attempt.strategy).toEqual({ matrix: '${{ fromJSON(needs.plan.outputs.matrix) }}', 'max-parallel': expect.any(Number) as number, 'fail-fast': false });
    expect(plan.outputs).toMatchObject({ matrix: '${{ steps.plan.outputs.matrix }}', jobs: '${{ steps.plan.outputs.jobs }}', 'run-dir': '${{ steps.plan.outputs.run-dir }}' });
    expect(integrate.needs).toEqual(['plan', 'attempt']);
    expect(integrate.if).toMatch(/^always\(\) && needs\.plan\.result == 'success'/);
    const ctx = (jobs: string, runDir: string) => ({ needs: { plan: { result: 'success', outputs: { jobs, 'run-dir': runDir } } } });
    expect([evaluate(attempt.if!, ctx('3', '')), evaluate(integrate.if!, ctx('3', ''))]).toEqual([true, true]);
    expect([evaluate(attempt.if!, ctx('0', '/r')), evaluate(integrate.if!, ctx('0', '/r'))]).toEqual([false, false]);
    expect(evaluate(integrate.if!, ctx('0', ''))).toBe(true);
  });

  it('artifacts: attempts downloaded by pattern into one folder each, every upload replaceable by a re-run, the run as atqos-run-<id>', () => {
    const [planDl, attemptsDl] = downloads(integrate);
    expect(planDl?.with).toMatchObject({ name: 'atqos-plan' });
    expect(attemptsDl?.with).toMatchObject({ pattern: 'atqos-attempt-*', path: '${{ runner.temp }}/atqos-attempts' });
    expect(attemptsDl?.with?.['merge-multiple']).toBeUndefined();
    for (const job of [plan, attempt, integrate]) for (const up of uploads(job)) expect(up.with?.overwrite, String(up.with?.name)).toBe(true);
    expect(uploads(attempt)[0]).toMatchObject({ if: 'always()', with: { name: 'atqos-attempt-${{ matrix.job }}' } });
    const runUploads = [...uploads(plan), ...uploads(integrate)].filter((u) => String(u.with?.name).startsWith(RUN_ARTIFACT_PREFIX));
    expect(runUploads.map((u) => u.with?.name)).toEqual(['atqos-run-${{ steps.plan.outputs.run-id }}', 'atqos-run-${{ needs.plan.outputs.run-id }}']);
    expect(runUploads.map((u) => u.with?.path)).toEqual(['${{ steps.plan.outputs.run-dir }}', '${{ steps.integrate.outputs.run-dir }}']);
  });

  it('no script interpolates an expression: inputs and outputs reach bash through env', () => {
    for (const job of Object.values(wf.jobs)) for (const s of job.steps) if (s.run) expect(s.run, s.name).not.toMatch(/\$\{\{/);
  });
});

/** One simulated runner: a clone, $RUNNER_TEMP and $GITHUB_OUTPUT. */
interface Runner { repo: string; temp: string; output: string }

describe('action/workflow-matrix.yml: its scripts, run', () => {
  let fx: MatrixFixture;
  const runner = (label: string): Runner => {
    const temp = path.join(fx.work, `${label}-temp`);
    fs.mkdirSync(temp, { recursive: true });
    fs.writeFileSync(path.join(temp, 'output.txt'), '');
    return { repo: fx.clone(label), temp, output: path.join(temp, 'output.txt') };
  };

  /** Runs step `id` (or the one named `name`) of `job` on `r`; returns its exit code and outputs. */
  function runStep(job: Job, find: (s: Step) => boolean, r: Runner, ctx: Record<string, unknown>, workflowEnv: Record<string, string> = {}) {
    const step = job.steps.find(find)!;
    const outer = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(GITHUB_|INPUT_|RUNNER_|ATQOS)/.test(k)));
    const env = {
      ...outer, ...wf.env, ATQOS: `${process.execPath} ${BIN}`, ...workflowEnv, ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, fill(v, ctx)])),
      GITHUB_OUTPUT: r.output, RUNNER_TEMP: r.temp, GITHUB_REPOSITORY: 'acme/calc', GITHUB_SERVER_URL: 'https://github.com', GITHUB_RUN_ID: '42', NO_COLOR: '1',
    };
    fs.writeFileSync(r.output, '');
    const res = spawnSync('bash', ['-e', '-c', step.run!], { cwd: r.repo, env, encoding: 'utf8' });
    const outputs = Object.fromEntries(fs.readFileSync(r.output, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    return { code: res.status, log: `${res.stdout}\n${res.stderr}`, outputs };
  }
  const planStep = (s: Step) => s.id === 'plan';
  const github = (inputs: Record<string, string>) => ({ inputs, github: { event: { repository: { default_branch: 'main' } } } });

  beforeAll(() => {
    const work = tempDir('workflow-matrix');
    const script = path.join(work, 'fixes.json');
    const files: Record<string, string> = { 'pytest.ini': '[pytest]\npythonpath = src\n', 'src/calc/__init__.py': '' };
    const fixes = [];
    for (const [name, broken, fixed, check] of [['add', 'a - b', 'a + b', 'add(2, 3) == 5'], ['mul', 'a + b', 'a * b', 'mul(2, 3) == 6'], ['sub', 'a + b', 'a - b', 'sub(5, 3) == 2']] as const) {
      files[`src/calc/${name}.py`] = `def ${name}(a, b):\n    return ${broken}\n`;
      files[`tests/test_${name}.py`] = `from calc.${name} import ${name}\n\n\ndef test_${name}():\n    assert ${check}\n`;
      fixes.push({ path: `src/calc/${name}.py`, find: broken, replace: fixed });
    }
    fs.writeFileSync(script, JSON.stringify(fixes));
    fx = new MatrixFixture(work, configuredFiles('workflow-matrix', { argv: agentArgv('apply-patch', '--only-allowed', '--script', script) }, files));
  });

  it('run: the plan job fans out, each attempt job uploads its artifact, integrate uploads the run with its publish plan', async () => {
    const p = runner('plan');
    const planned = runStep(plan, planStep, p, github({ command: 'run', lane: '' }), { ATQOS_SINGLE_BELOW: '2' });
    expect(planned.code, planned.log).toBe(0);
    expect(planned.outputs).toMatchObject({ jobs: '3', 'run-dir': '', 'base-sha': fx.base });
    const matrix = JSON.parse(planned.outputs.matrix!) as { include: { job: string; tasks: string }[] };
    expect(matrix).toEqual(readJson(path.join(p.temp, 'atqos-plan', 'matrix.json')));
    const needs = { plan: { result: 'success', outputs: planned.outputs } };
    const i = runner('integrate');
    for (const entry of matrix.include) {
      const a = runner(`attempt-${entry.job}`);
      fs.cpSync(path.join(p.temp, 'atqos-plan'), path.join(a.temp, 'atqos-plan'), { recursive: true });
      const done = runStep(attempt, (s) => s.env?.TASKS !== undefined, a, { ...github({}), needs, matrix: entry });
      expect(done.code, done.log).toBe(0);
      fs.cpSync(path.join(a.temp, 'atqos-attempt'), path.join(i.temp, 'atqos-attempts', `atqos-attempt-${entry.job}`), { recursive: true });
    }
    fs.cpSync(path.join(p.temp, 'atqos-plan'), path.join(i.temp, 'atqos-plan'), { recursive: true });
    const integrated = runStep(integrate, (s) => s.id === 'integrate', i, { ...github({}), needs });
    expect(integrated.code, integrated.log).toBe(0);
    expect(integrated.outputs['run-dir']).toBe(path.join(i.repo, '.atqos', 'runs', planned.outputs['run-id']!));
    const publishPlan = readJson<{ runId: string; pullRequests: unknown[]; repo: { owner: string } }>(path.join(integrated.outputs['run-dir']!, 'publish-plan.json'));
    expect(publishPlan).toMatchObject({ runId: planned.outputs['run-id'], repo: { owner: 'acme' } });
    expect(publishPlan.pullRequests).toHaveLength(3);

    // Every attempt job died before uploading: no folder at all, and no artifact named "*".
    const empty = runner('integrate-empty');
    fs.cpSync(path.join(p.temp, 'atqos-plan'), path.join(empty.temp, 'atqos-plan'), { recursive: true });
    const nothing = runStep(integrate, (s) => s.id === 'integrate', empty, { ...github({}), needs });
    expect(nothing.code, nothing.log).toBe(0);
    const out = readJson<{ matrix: { notAttempted: string[]; rejected: unknown[] } }>(path.join(empty.temp, 'atqos-integrate.json'));
    expect(out.matrix).toMatchObject({ notAttempted: matrix.include.map((e) => e.tasks), rejected: [] });
  }, 900_000);

  it('run below ATQOS_SINGLE_BELOW: the plan job finishes the run and uploads it; no plan artifact, empty matrix', () => {
    const p = runner('plan-small');
    const planned = runStep(plan, planStep, p, github({ command: 'run', lane: '' }));
    expect(planned.code, planned.log).toBe(0);
    expect(planned.outputs).toMatchObject({ jobs: '0', matrix: '{"include":[]}', 'run-dir': path.join(p.repo, '.atqos', 'runs', planned.outputs['run-id']!) });
    expect(readJson<{ pullRequests: unknown[] }>(path.join(planned.outputs['run-dir']!, 'publish-plan.json')).pullRequests).toHaveLength(3);
    const planUpload = uploads(plan).find((u) => u.with?.name === 'atqos-plan')!;
    expect(evaluate(planUpload.if!, { steps: { plan: { outputs: planned.outputs } } })).toBe(false);
  }, 900_000);

  it('diagnose: only the plan job works — it diagnoses with the default lane and uploads the run with a publish plan', () => {
    const p = runner('plan-diagnose');
    const diagnosed = runStep(plan, planStep, p, github({ command: 'diagnose', lane: '' }));
    expect(diagnosed.code, diagnosed.log).toBe(0);
    expect(diagnosed.outputs).toMatchObject({ jobs: '0', 'base-sha': fx.base });
    const runDir = diagnosed.outputs['run-dir']!;
    expect(readJson<{ command: string }>(path.join(runDir, 'config.resolved.json'))).toBeTruthy();
    expect(readJson<{ runId: string; pullRequests: unknown[] }>(path.join(runDir, 'publish-plan.json'))).toMatchObject({ runId: diagnosed.outputs['run-id'], pullRequests: [] });
    expect(fs.existsSync(path.join(p.temp, 'atqos-plan'))).toBe(false);
    const bogus = runStep(plan, planStep, runner('plan-bogus'), github({ command: 'fix-everything', lane: '' }));
    expect(bogus.code).toBe(3);
    expect(bogus.log).toContain("command must be run or diagnose, not 'fix-everything'");
  }, 900_000);
});
