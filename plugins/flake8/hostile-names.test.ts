import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { normalize } from './normalize.js';
import { FLAKE8, collectIn, removeTemps, tempDir } from './test-support.js';

afterAll(removeTemps);

/**
 * Names that break `path:row:col: code text` parsing, or a naive line split, each holding one F401.
 * No backslash: the core's repoRelative reads `\` as a Windows separator (see readme.md).
 */
const HOSTILE = ['a: b.py', 'tab\there.py', 'new\nline.py', `quote's "both".py`, 'ünï ✓ 𝄞.py', '-dash.py', 'E501: 1:2: F401.py', 'cr\rname.py'];

describe('flake8 on hostile file names (real flake8)', () => {
  it('names every file exactly, and flake8 itself agrees on how many violations there are', async () => {
    const repo = tempDir('hostile');
    fs.writeFileSync(path.join(repo, '.flake8'), '[flake8]\n');
    for (const name of HOSTILE) fs.writeFileSync(path.join(repo, name), 'import os\n');
    const out = normalize((await collectIn(repo, { command: [FLAKE8] })).input);
    expect(out.trustworthy, out.findings.at(-1)?.message).toBe(true);
    expect(out.findings.map((f) => [f.scope.file, f.scope.line, f.evidence.details?.['rule']]).sort()).toEqual(HOSTILE.map((n) => [n, 1, 'F401']).sort());
    expect(new Set(out.findings.map((f) => f.fingerprint)).size).toBe(HOSTILE.length);
    // flake8's own count (`--count` prints the total as the last line of its output).
    const own = spawnSync(FLAKE8, ['--count', '--format=%(code)s', '.'], { cwd: repo, encoding: 'utf8' });
    expect(Number(own.stdout.trim().split('\n').at(-1))).toBe(HOSTILE.length);
  });

  it('a file name that is not valid UTF-8 is skipped with a note, not misnamed', async () => {
    const repo = tempDir('bytes');
    fs.writeFileSync(path.join(repo, '.flake8'), '[flake8]\n');
    fs.writeFileSync(Buffer.concat([Buffer.from(`${repo}/bad`), Buffer.from([0xff]), Buffer.from('.py')]), 'import os\n');
    fs.writeFileSync(path.join(repo, 'good.py'), 'import sys\n');
    const out = normalize((await collectIn(repo, { command: [FLAKE8] })).input);
    expect(out.findings.map((f) => f.scope.file)).toEqual(['good.py']);
    expect(out.notes.join('\n')).toMatch(/not valid UTF-8.*rename it/);
  });
});
