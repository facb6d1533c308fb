import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandSpec, TaskType } from '../../core/index.js';
import { agentPath, makeCtx, makeRequest, tempDir, tempProject } from '../test-support.js';
import { createBuiltinAgent } from './builtin-agent.js';

// A stand-in fixer: rewrites the file it is given (when asked), reports the env it saw, exits as told.
const FIXER = `
const fs = require('node:fs');
const [file, code, edit] = process.argv.slice(2);
if (edit !== 'no-edit') fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('a - b', 'a + b'));
console.log('cwd=' + process.cwd() + ' token=' + (process.env.TOOL_TOKEN ?? 'none') + ' home=' + (process.env.HOME ?? 'none'));
process.exitCode = Number(code ?? 0);
`;
// The task's check: the file must say \`a + b\` and must not say \`TODO\`.
const CHECK = "const t = require('node:fs').readFileSync('src/calc.py', 'utf8'); if (!t.includes('a + b') || t.includes('TODO')) { console.log('src/calc.py:2: still wrong'); process.exitCode = 1; }";
const check: CommandSpec = { argv: [process.execPath, '-e', CHECK] };

function setup(): { worktree: string; script: string; attemptDir: string } {
  const scripts = tempDir();
  const script = path.join(scripts, 'fixer.cjs');
  fs.writeFileSync(script, FIXER);
  return { worktree: tempProject(), script, attemptDir: path.join(tempDir(), 'attempt-1') };
}

async function run(worktree: string, attemptDir: string, autofix: CommandSpec[] | undefined, type: TaskType = 'lint_fix', timeoutMs = 20_000) {
  const request = makeRequest(worktree, { type, timeoutMs, targets: { files: ['src/calc.py'], nodeIds: [] }, validation: [check], ...(autofix ? { autofix } : {}) });
  return createBuiltinAgent().attempt(request, makeCtx(attemptDir, { PATH: agentPath(), TOOL_TOKEN: 'from-ctx' }));
}

describe('builtin autofix', () => {
  it('runs the plugin autofix in the worktree with the context env, and is fixed when the task\'s checks pass', async () => {
    const { worktree, script, attemptDir } = setup();
    // cwd `.` is the worktree itself, as the eslint and ruff plugins say it.
    const outcome = await run(worktree, attemptDir, [{ argv: [process.execPath, script, 'src/calc.py'], cwd: '.' }]);
    expect(outcome.result).toMatchObject({ status: 'fixed', filesChanged: ['src/calc.py'], summary: `ran \`${process.execPath} ${script} src/calc.py\` changed src/calc.py; the task's checks now pass` });
    expect(fs.readFileSync(path.join(worktree, 'src/calc.py'), 'utf8')).toContain('a + b');
    expect(fs.readFileSync(path.join(attemptDir, 'autofix-1.stdout'), 'utf8').trim()).toBe(`cwd=${fs.realpathSync(worktree)} token=from-ctx home=none`);
    expect(fs.existsSync(path.join(attemptDir, 'autofix-check-1.stdout'))).toBe(true);
  });

  it('runs it for any task type without its own fixer, in a cwd relative to the worktree', async () => {
    const { worktree, script, attemptDir } = setup();
    const outcome = await run(worktree, attemptDir, [{ argv: [process.execPath, script, 'calc.py'], cwd: 'src' }], 'type_fix');
    expect(outcome.result?.status).toBe('fixed');
    expect(fs.readFileSync(path.join(worktree, 'src/calc.py'), 'utf8')).toContain('a + b');
  });

  it('a fixer that exits 1 with problems left is partial, not an error: the engine\'s validation decides', async () => {
    const { worktree, script, attemptDir } = setup();
    fs.appendFileSync(path.join(worktree, 'src/calc.py'), '# TODO: more\n');
    const outcome = await run(worktree, attemptDir, [{ argv: [process.execPath, script, 'src/calc.py', '1'] }]);
    expect(outcome.result?.status).toBe('partial');
    expect(outcome.result?.filesChanged).toEqual(['src/calc.py']);
    expect(outcome.result?.summary).toContain(`changed src/calc.py but problems remain: \`${process.execPath} -e ${CHECK}\` exited with 1 (autofix-check-1.stdout/.stderr):\nsrc/calc.py:2: still wrong`);
  });

  it('a fixer that exits non-zero and changes nothing is an error; one that exits 0 and changes nothing gave up', async () => {
    const { worktree, script, attemptDir } = setup();
    const crashed = await run(worktree, attemptDir, [{ argv: [process.execPath, script, 'src/calc.py', '2', 'no-edit'] }]);
    expect(crashed.result).toMatchObject({ status: 'error', summary: `the autofix changed none of src/calc.py (\`${process.execPath} ${script} src/calc.py 2 no-edit\` exited with 2); its output is in autofix-*.stdout/.stderr` });
    const idle = await run(worktree, path.join(attemptDir, '..', 'attempt-2'), [{ argv: [process.execPath, script, 'src/calc.py', '0', 'no-edit'] }]);
    expect(idle.result?.status).toBe('gave_up');
  });

  it('reports an error when the tool is missing or hangs past the attempt timeout, without judging the files', async () => {
    const { worktree, attemptDir } = setup();
    const missing = await run(worktree, attemptDir, [{ argv: ['atqos-no-such-linter', '--fix'] }]);
    expect(missing.result?.status).toBe('error');
    expect(missing.result?.summary).toMatch(/^the autofix command `atqos-no-such-linter --fix` could not start: /);
    const hang = await run(worktree, path.join(attemptDir, '..', 'attempt-2'), [{ argv: [process.execPath, '-e', 'setTimeout(() => {}, 60000)'] }], 'lint_fix', 500);
    expect(hang.result?.status).toBe('error');
    expect(hang.result?.summary).toMatch(/timed out after \d+ ms/);
    expect(fs.existsSync(path.join(attemptDir, 'autofix-check-1.stdout'))).toBe(false);
  });

  it('gives up on a lint_fix task whose plugin has no autofix, naming the setting to add', async () => {
    const { worktree, attemptDir } = setup();
    const outcome = await run(worktree, attemptDir, undefined);
    expect(outcome.result?.summary).toBe('no deterministic fix for lint_fix tasks; configure an agent: set agents.byTaskType.lint_fix (or agents.default) to claude-code, codex, cursor-agent or command');
  });
});
