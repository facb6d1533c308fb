import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildToolEnv, runCommand } from '../../src/runner/index.js';
import type { CommandSpec } from '../../src/core/index.js';
import { normalize } from './normalize.js';
import { plan } from './plan.js';
import { autofix } from './validation.js';
import { collectIn, copyProject, removeTemps, ruffCli, tempDir } from './test-support.js';

afterAll(removeTemps);

const options = { command: [ruffCli] };
const TAGS = '"""Tags for items."""\n\nimport json\nfrom typing import Optional\n\n\ndef tag(name: str) -> str:\n    return name.strip().lower()\n';

async function runIn(dir: string, cmd: CommandSpec): Promise<{ exitCode: number | null; stdout: string }> {
  const out = tempDir('cmd');
  const res = await runCommand({ argv: cmd.argv, cwd: path.resolve(dir, cmd.cwd ?? '.'), env: buildToolEnv(process.env), stdoutPath: path.join(out, 'out'), stderrPath: path.join(out, 'err') });
  return { exitCode: res.exitCode, stdout: fs.readFileSync(path.join(out, 'out'), 'utf8') };
}

describe('ruff autofix through the ruff CLI (real linter)', () => {
  it('fixes a file whose every violation has a safe fix, and its validation then passes', async () => {
    const repo = copyProject();
    fs.writeFileSync(path.join(repo, 'src/inventory/tags.py'), TAGS);
    const findings = normalize((await collectIn(repo, options)).input).findings;
    const task = plan({ findings, options, isTestFile: () => false }).find((t) => t.targets.files[0] === 'src/inventory/tags.py')!;
    expect(task.targets.nodeIds).toEqual(['src/inventory/tags.py::F401[fix]']);
    const [check] = task.validation.commands;
    expect((await runIn(repo, check!)).exitCode).toBe(1);
    const fix = await runIn(repo, autofix(task.targets, options)!);
    expect(fix.exitCode).toBe(0); // ruff --fix exits 0 once no violation is left
    expect(fs.readFileSync(path.join(repo, 'src/inventory/tags.py'), 'utf8')).toBe('"""Tags for items."""\n\n\n\ndef tag(name: str) -> str:\n    return name.strip().lower()\n');
    expect((await runIn(repo, check!)).exitCode).toBe(0);
  });

  it('applies only safe fixes and exits 1 while violations remain', async () => {
    const repo = copyProject();
    const file = path.join(repo, 'src/inventory/report.py');
    const res = await runIn(repo, { argv: [ruffCli, 'check', '--fix', '--no-cache', '--select', 'F401,F841', '--output-format', 'json', '--', 'src/inventory/report.py'] });
    expect(res.exitCode).toBe(1);
    const left = JSON.parse(res.stdout) as { code: string; fix: { applicability: string } }[];
    expect(left.map((v) => [v.code, v.fix.applicability])).toEqual([['F841', 'unsafe']]);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toMatch(/^import (os|sys)$/m);
    expect(text).toContain('unused = len(items)');
  });
});
