import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manifestProblem, writeManifest } from './manifest.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function artifact(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-manifest-'));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, 'tasks', 't-1'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'attempt.json'), '{"a":1}\n');
  fs.writeFileSync(path.join(dir, 'tasks', 't-1', 'diff.patch'), 'diff\n');
  return dir;
}

describe('artifact manifest', () => {
  it('lists every file and checks out until a byte changes', () => {
    const dir = artifact();
    expect(Object.keys(writeManifest(dir).files)).toEqual(['attempt.json', 'tasks/t-1/diff.patch']);
    expect(manifestProblem(dir)).toBeUndefined();
    fs.writeFileSync(path.join(dir, 'tasks', 't-1', 'diff.patch'), 'diff!\n');
    expect(manifestProblem(dir)).toMatch(/tasks\/t-1\/diff\.patch does not match its checksum/);
  });

  it('reports a missing manifest (a job that died) and a missing file', () => {
    const dir = artifact();
    expect(manifestProblem(dir)).toMatch(/manifest\.json is missing/);
    writeManifest(dir);
    fs.rmSync(path.join(dir, 'attempt.json'));
    expect(manifestProblem(dir)).toMatch(/attempt\.json is listed .* but missing/);
  });
});
