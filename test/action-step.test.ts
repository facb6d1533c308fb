// action.yml as GitHub reads it: a composite action whose second step runs the bundled host with
// every input handed over as INPUT_*; the step is run here as GitHub would, from the YAML itself.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readEvent } from '../action/event.js';
import { parseRunTitle } from '../src/app/index.js';

const root = path.resolve(import.meta.dirname, '..');

interface Step { id?: string; run: string; shell: string; 'working-directory'?: string; env?: Record<string, string> }
interface ActionYml {
  runs: { using: string; steps: Step[] };
  inputs: Record<string, { default: string }>;
  outputs: Record<string, { value: string }>;
}

const action = parse(fs.readFileSync(path.join(root, 'action.yml'), 'utf8')) as ActionYml;
const [install, step] = action.runs.steps;
const TOKEN_EXPR = "${{ inputs.publish == 'standalone' && inputs.github-token || '' }}";

function project(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-action-'));
  fs.cpSync(path.join(root, 'fixtures', 'projects', name), dir, { recursive: true, filter: (src) => !/\.atqos|__pycache__|\.pytest_cache/.test(src) });
  return dir;
}

/** The step's env with `${{ inputs.x }}` filled from the inputs' defaults and `given`. */
function stepEnv(given: Record<string, string>): Record<string, string> {
  const value = (name: string) => given[name] ?? action.inputs[name]?.default ?? '';
  return Object.fromEntries(Object.entries(step?.env ?? {}).map(([k, v]) => {
    if (v === TOKEN_EXPR) return [k, value('publish') === 'standalone' ? value('github-token') : ''];
    return [k, v.replace(/\$\{\{ inputs\.([\w-]+) \}\}/g, (_m, name: string) => value(name))];
  }));
}

describe('action.yml', () => {
  it('is a composite action: npm ci in the action folder, then node on the bundled host', () => {
    expect(action.runs.using).toBe('composite');
    expect(install).toMatchObject({ 'working-directory': '${{ github.action_path }}', run: 'npm ci --no-audit --no-fund' });
    expect(step?.id).toBe('atqos');
    expect(step?.run).toBe('node "$GITHUB_ACTION_PATH/dist/action.mjs"');
    expect(fs.existsSync(path.join(root, 'dist', 'action.mjs')), 'run npm run build first').toBe(true);
  });

  it('hands every input to the host as INPUT_<NAME>, the token only in standalone mode', () => {
    const env = step?.env ?? {};
    for (const name of Object.keys(action.inputs)) {
      const key = `INPUT_${name.toUpperCase()}`;
      expect(env[key], key).toBe(name === 'github-token' ? TOKEN_EXPR : `\${{ inputs.${name} }}`);
    }
    expect(Object.keys(env)).toHaveLength(Object.keys(action.inputs).length);
  });

  it('maps every output to the step, and the step sets exactly those outputs', () => {
    for (const [name, o] of Object.entries(action.outputs)) expect(o.value).toBe(`\${{ steps.atqos.outputs.${name} }}`);
    const dir = project('clean');
    const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-runner-temp-'));
    const output = path.join(temp, 'output.txt');
    fs.writeFileSync(output, '');
    const outer = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(GITHUB_|INPUT_|RUNNER_)/.test(k)));
    const env: Record<string, string | undefined> = { ...outer, ...stepEnv({ 'github-token': 'ghs_x' }), GITHUB_ACTION_PATH: root, GITHUB_OUTPUT: output, RUNNER_TEMP: temp };
    expect(env['INPUT_GITHUB-TOKEN']).toBe('');
    const res = spawnSync('bash', ['-e', '-c', step?.run ?? ''], { cwd: dir, env, encoding: 'utf8' });
    expect(res.status, res.stdout + res.stderr).toBe(0);
    const set = [...fs.readFileSync(output, 'utf8').matchAll(/^([\w-]+)<<(\S+)$/gm)].map((m) => m[1]);
    expect(set.sort()).toEqual(Object.keys(action.outputs).sort());
  });
});

describe('action/workflow-template.yml', () => {
  interface WfStep { uses?: string; id?: string; with?: Record<string, unknown> }
  const wf = parse(fs.readFileSync(path.join(root, 'action', 'workflow-template.yml'), 'utf8')) as {
    'run-name': string;
    on: { workflow_dispatch: { inputs: Record<string, unknown> }; schedule: { cron: string }[] };
    permissions: Record<string, string>;
    jobs: Record<string, { steps: WfStep[] }>;
  };
  const steps = Object.values(wf.jobs)[0]?.steps ?? [];
  const atqos = steps.find((s) => s.id === 'atqos');

  it('is dispatchable with lane/command/pr/sha/request, runs nightly, and only reads the repo (the App publishes)', () => {
    expect(Object.keys(wf.on.workflow_dispatch.inputs).sort()).toEqual(['command', 'lane', 'pr', 'request', 'sha']);
    expect(wf.on.schedule[0]?.cron).toMatch(/^\S+ \S+ \* \* \*$/);
    expect(wf.permissions).toEqual({ contents: 'read' });
    expect(atqos?.with?.publish).toBe('app');
  });

  it('passes only inputs the action declares, and uploads the run dir as atqos-run-<run id>', () => {
    for (const key of Object.keys(atqos?.with ?? {})) expect(Object.keys(action.inputs), key).toContain(key);
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with).toMatchObject({ name: 'atqos-run-${{ steps.atqos.outputs.run-id }}', path: '${{ steps.atqos.outputs.run-dir }}' });
    expect(steps.findIndex((s) => s.uses?.startsWith('actions/checkout@'))).toBeLessThan(steps.indexOf(atqos as WfStep));
  });
});

describe('the request tag of an App dispatch', () => {
  const wf = parse(fs.readFileSync(path.join(root, 'action', 'workflow-template.yml'), 'utf8')) as { 'run-name': string };
  // What GitHub makes of the template's run-name for given inputs (expressions substituted).
  const runName = (inputs: Record<string, string>) => wf['run-name'].replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_m, expr: string) => {
    const [name, fallback] = expr.split('||').map((p) => p.trim());
    return inputs[(name ?? '').replace('inputs.', '')] || (fallback ?? '').replace(/'/g, '');
  });

  it('the template\'s run-name carries it in a form the App parses back', () => {
    expect(parseRunTitle(runName({ command: 'run', lane: 'pr', request: 'a1b2c3d4e5f6#12' }))).toEqual({ command: 'run', lane: 'pr', tag: { id: 'a1b2c3d4e5f6', thread: 12 } });
    expect(parseRunTitle(runName({ lane: '', request: 'a1b2c3d4e5f6' }))).toEqual({ command: 'diagnose', lane: '', tag: { id: 'a1b2c3d4e5f6' } });
    expect(parseRunTitle(runName({}))).toBeUndefined();
  });

  it('the Action reads a valid one from the dispatch event for its log and ignores anything else', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-event-'));
    const event = (request: string) => {
      const file = path.join(dir, 'event.json');
      fs.writeFileSync(file, JSON.stringify({ inputs: { request, sha: 'b'.repeat(40), pr: '' } }));
      return readEvent({ GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_EVENT_PATH: file });
    };
    expect(event(`a1b2c3d4e5f6@${'c'.repeat(40)}`).request).toBe(`a1b2c3d4e5f6@${'c'.repeat(40)}`);
    expect(event('$(rm -rf /)').request).toBeUndefined();
    expect(event('').headSha).toBe('b'.repeat(40));
  });
});
