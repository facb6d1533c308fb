import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Step { name: string; shell?: string; run?: string }
interface Manifest {
  name: string;
  description: string;
  inputs: Record<string, { description?: string }>;
  outputs: Record<string, { value?: string }>;
  runs: { using: string; steps: Step[] };
  default_events: string[];
  default_permissions: Record<string, string>;
}

const read = (f: string) => parse(fs.readFileSync(new URL(`../${f}`, import.meta.url), 'utf8')) as Manifest;

describe('action.yml', () => {
  const action = read('action.yml');
  it('is a valid composite action with described inputs and outputs', () => {
    expect(action.name).toBeTruthy();
    expect(action.description).toBeTruthy();
    expect(action.runs.using).toBe('composite');
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description, `input ${name}`).toBeTruthy();
    }
    for (const step of action.runs.steps) expect(step.shell, `step ${step.name}`).toBe('bash');
    for (const [name, out] of Object.entries(action.outputs)) expect(out.value, `output ${name}`).toMatch(/steps\.atqos\.outputs/);
  });
  it('never interpolates inputs straight into a shell script', () => {
    for (const step of action.runs.steps) expect(String(step.run)).not.toMatch(/\$\{\{\s*inputs\./);
  });
});

describe('app.yml', () => {
  const app = read('app.yml');
  it('declares events and permissions', () => {
    expect(app.name).toBe('ATQOS');
    expect(app.default_events).toEqual(expect.arrayContaining(['issue_comment', 'workflow_run', 'check_run']));
    expect(app.default_permissions.metadata).toBe('read');
  });
  it('asks for exactly the events the handlers use and the least permissions they need', () => {
    expect([...app.default_events].sort()).toEqual(['check_run', 'issue_comment', 'pull_request', 'push', 'workflow_run']);
    expect(app.default_permissions).toEqual({
      actions: 'write', checks: 'write', contents: 'write', issues: 'write', pull_requests: 'write', metadata: 'read',
    });
  });
  it('explains every permission', () => {
    const text = fs.readFileSync(new URL('../app.yml', import.meta.url), 'utf8');
    for (const name of Object.keys(app.default_permissions)) expect(text, name).toMatch(new RegExp(`^  ${name}: \\w+ +# \\S`, 'm'));
  });
});
