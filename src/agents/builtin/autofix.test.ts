import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandSpec, TaskType } from '../../core/index.js';
import { agentPath, makeCtx, makeRequest, tempDir, tempProject } from '../test-support.js';
import { createBuiltinAgent } from './builtin-agent.js';

// A stand-in for `ruff check --fix`: rewrites the file it is given, reports the env it saw.
const FIXER = `
const fs = require('node:fs');
const [file, code] = process.argv.slice(2);
fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('a - b', 'a + b'));
console.log('cwd=' + process.cwd() + ' token=' + (process.env.TOOL_TOKEN ?? 'none') + ' home=' + (process.env.HOME ?? 'none'));
process.exitCode = Number(code ?? 0);
`;

function setup(): { worktree: string; script: string; attemptDir: string } {
  const scripts = tempDir();
  const script = path.join(scripts, 'fixer.cjs');
  fs.writeFileSync(script, FIXER);
  return { worktree: tempProject(), script, attemptDir: path.join(tempDir(), 'attempt-1') };
}

async function run(worktree: string, attemptDir: string, autofix: CommandSpec[] | undefined, type: TaskType = 'lint_fix', timeoutMs = 20_000) {
  const request = makeRequest(worktree, { type, timeoutMs, ...(autofix ? { autofix } : {}) });
  return createBuiltinAgent().attempt(request, makeCtx(attemptDir, { PATH: agentPath(), TOOL_TOKEN: 'from-ctx' }));
}

describe('builtin autofix', () => {
  it('runs the plugin autofix in the worktree with the context env and reports fixed', async () => {
    const { worktree, script, attemptDir } = setup();
    const outcome = await run(worktree, attemptDir, [{ argv: [process.execPath, script, 'src/calc.py'] }]);
    expect(outcome.result).toMatchObject({ status: 'fixed', summary: `ran 1 autofix command(s): \`${process.execPath} ${script} src/calc.py\`` });
    expect(fs.readFileSync(path.join(worktree, 'src/calc.py'), 'utf8')).toContain('a + b');
    expect(fs.readFileSync(path.join(attemptDir, 'autofix-1.stdout'), 'utf8').trim()).toBe(`cwd=${fs.realpathSync(worktree)} token=from-ctx home=none`);
  });

  it('runs it for any task type without its own fixer, in a cwd relative to the worktree', async () => {
    const { worktree, script, attemptDir } = setup();
    const outcome = await run(worktree, attemptDir, [{ argv: [process.execPath, script, 'calc.py'], cwd: 'src' }], 'type_fix');
    expect(outcome.result?.status).toBe('fixed');
    expect(fs.readFileSync(path.join(worktree, 'src/calc.py'), 'utf8')).toContain('a + b');
  });

  it('reports an error naming the command when it exits non-zero, and stops there', async () => {
    const { worktree, script, attemptDir } = setup();
    const outcome = await run(worktree, attemptDir, [
      { argv: [process.execPath, script, 'src/calc.py', '2'] },
      { argv: [process.execPath, '-e', 'require("fs").writeFileSync("second-ran", "")'] },
    ]);
    expect(outcome.result).toMatchObject({ status: 'error', summary: `the autofix command \`${process.execPath} ${script} src/calc.py 2\` exited with 2; its output is in autofix-1.stdout/.stderr` });
    expect(fs.existsSync(path.join(worktree, 'second-ran'))).toBe(false);
  });

  it('reports an error when the tool is missing or hangs past the attempt timeout', async () => {
    const { worktree, attemptDir } = setup();
    const missing = await run(worktree, attemptDir, [{ argv: ['atqos-no-such-linter', '--fix'] }]);
    expect(missing.result?.status).toBe('error');
    expect(missing.result?.summary).toMatch(/^the autofix command `atqos-no-such-linter --fix` could not start: /);
    const hang = await run(worktree, path.join(attemptDir, '..', 'attempt-2'), [{ argv: [process.execPath, '-e', 'setTimeout(() => {}, 60000)'] }], 'lint_fix', 500);
    expect(hang.result?.summary).toMatch(/timed out after \d+ ms/);
  });

  it('gives up on a lint_fix task whose plugin has no autofix, naming the setting to add', async () => {
    const { worktree, attemptDir } = setup();
    const outcome = await run(worktree, attemptDir, undefined);
    expect(outcome.result?.summary).toBe('no deterministic fix for lint_fix tasks; configure an agent: set agents.byTaskType.lint_fix (or agents.default) to claude-code, codex, cursor-agent or command');
  });
});
