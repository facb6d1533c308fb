import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildToolEnv } from '../../runner/index.js';
import { bin, isAlive, killLeftovers, waitFor } from '../../runner/test-support.js';
import { agentPath, fakeAgent, makeCtx, makeRequest, snapshot, tempDir, tempProject } from '../test-support.js';
import { createCommandAgent, REQUEST_ENV } from './command-agent.js';

const leftovers: number[] = [];
afterEach(() => killLeftovers(leftovers));

function setup() {
  const worktree = tempProject();
  const attemptDir = path.join(tempDir(), 'tasks', 'task-1', 'attempt-1');
  return { worktree, attemptDir, request: makeRequest(worktree) };
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

describe('command agent', () => {
  it('runs the agent in the worktree and parses its result; writes every attempt file', async () => {
    const { worktree, attemptDir, request } = setup();
    const script = path.join(attemptDir, '..', 'script.json');
    fs.mkdirSync(path.dirname(script), { recursive: true });
    fs.writeFileSync(script, JSON.stringify([{ path: 'src/calc.py', find: 'a - b', replace: 'a + b' }]));
    const agent = createCommandAgent({ argv: [fakeAgent('apply-patch.mjs')], env: { FAKE_AGENT_SCRIPT: script } });

    const outcome = await agent.attempt(request, makeCtx(attemptDir));

    expect(outcome.error).toBeUndefined();
    expect(outcome.result).toMatchObject({ status: 'fixed', filesChanged: ['src/calc.py'] });
    expect(outcome.exec?.exitCode).toBe(0);
    expect(fs.readFileSync(path.join(worktree, 'src/calc.py'), 'utf8')).toContain('a + b');
    for (const name of ['request.json', 'instructions.md', 'agent.stdout', 'agent.stderr', 'result.json']) {
      expect(fs.existsSync(path.join(attemptDir, name)), name).toBe(true);
    }
    expect(readJson(path.join(attemptDir, 'request.json'))).toEqual(request);
    expect(fs.readFileSync(path.join(attemptDir, 'instructions.md'), 'utf8')).toBe(request.instructions);
    expect(readJson(path.join(attemptDir, 'result.json'))).toEqual(outcome.result);
  });

  it('passes the request path as the last argument and in the environment, and runs in the worktree', async () => {
    const { worktree, attemptDir, request } = setup();
    const agent = createCommandAgent({ argv: [process.execPath, bin('echo-argv.js'), '--flag'] });
    await agent.attempt(request, makeCtx(attemptDir));
    const requestPath = path.join(attemptDir, 'request.json');
    expect(readJson(path.join(attemptDir, 'agent.stdout'))).toEqual(['--flag', requestPath]);
    expect(fs.readFileSync(path.join(attemptDir, 'agent.stderr'), 'utf8')).toBe(fs.realpathSync(worktree));
  });

  it('gives the agent only the context environment, its own settings and the request path', async () => {
    const { attemptDir, request } = setup();
    process.env.ATQOS_FAKE_SECRET = 'hunter2';
    try {
      const agent = createCommandAgent({ argv: [process.execPath, bin('echo-env.js')], env: { AGENT_MODEL: 'small' } });
      const plain = buildToolEnv(process.env, { set: { PATH: agentPath() } });
      await agent.attempt(request, makeCtx(attemptDir, plain));
      const seen = readJson(path.join(attemptDir, 'agent.stdout')) as Record<string, string>;
      expect(seen.ATQOS_FAKE_SECRET).toBeUndefined();
      expect(seen.AGENT_MODEL).toBe('small');
      expect(seen[REQUEST_ENV]).toBe(path.join(attemptDir, 'request.json'));

      const allowed = buildToolEnv(process.env, { allow: ['ATQOS_FAKE_SECRET'] });
      await agent.attempt(request, makeCtx(attemptDir, allowed));
      expect((readJson(path.join(attemptDir, 'agent.stdout')) as Record<string, string>).ATQOS_FAKE_SECRET).toBe('hunter2');
    } finally {
      delete process.env.ATQOS_FAKE_SECRET;
    }
  });

  it('reports garbage on stdout as an error without throwing', async () => {
    const { attemptDir, request } = setup();
    const outcome = await createCommandAgent({ argv: [fakeAgent('garbage.mjs')] }).attempt(request, makeCtx(attemptDir));
    expect(outcome.result).toBeUndefined();
    expect(outcome.exec?.exitCode).toBe(0);
    expect(outcome.error).toBe('the agent printed no result JSON on its last line; see agent.stdout');
    expect(readJson(path.join(attemptDir, 'result.json'))).toEqual({ error: outcome.error });
  });

  it('reports valid JSON that is not a result, naming the bad field', async () => {
    const { attemptDir, request } = setup();
    const argv = [process.execPath, '-e', 'console.log(JSON.stringify({ status: "done", summary: "x" }))'];
    const outcome = await createCommandAgent({ argv }).attempt(request, makeCtx(attemptDir));
    expect(outcome.result).toBeUndefined();
    expect(outcome.error).toMatch(/JSON but not a valid result \(status: .*\); see agent.stdout/);
  });

  it('reports a non-zero exit with its code, with or without a result', async () => {
    const { attemptDir, request } = setup();
    const crashed = await createCommandAgent({ argv: [fakeAgent('exit-nonzero.mjs')] }).attempt(request, makeCtx(attemptDir));
    expect(crashed.exec?.exitCode).toBe(3);
    expect(crashed.result).toBeUndefined();
    expect(crashed.error).toBe('the agent exited with code 3 and printed no result JSON; see agent.stderr');
    expect(fs.readFileSync(path.join(attemptDir, 'agent.stderr'), 'utf8')).toContain('model quota exceeded');

    const line = JSON.stringify({ status: 'partial', summary: 'half done' });
    const argv = [process.execPath, '-e', `console.log(${JSON.stringify(line)}); process.exitCode = 4`];
    const partial = await createCommandAgent({ argv }).attempt(request, makeCtx(attemptDir));
    expect(partial.result).toMatchObject({ status: 'partial', summary: 'half done', filesChanged: [] });
    expect(partial.error).toBe('the agent exited with code 4 after printing a result; see agent.stderr');
    expect(readJson(path.join(attemptDir, 'result.json'))).toEqual({ error: partial.error, result: partial.result });
  });

  it('kills a hanging agent and its child at the timeout', async () => {
    const { attemptDir, request } = setup();
    const started = Date.now();
    const outcome = await createCommandAgent({ argv: [fakeAgent('hang.mjs')] }).attempt(
      { ...request, timeoutMs: 1500 },
      makeCtx(attemptDir),
    );
    const pids = readJson(path.join(attemptDir, 'hang-pids.json')) as { agent: number; child: number };
    leftovers.push(pids.agent, pids.child);
    expect(outcome.exec?.timedOut).toBe(true);
    expect(outcome.error).toMatch(/^the agent was killed after 1\.5 s/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await waitFor(() => !isAlive(pids.agent) && !isAlive(pids.child))).toBe(true);
  });

  it('reports an interrupted run when the signal aborts', async () => {
    const { attemptDir, request } = setup();
    const controller = new AbortController();
    const running = createCommandAgent({ argv: [fakeAgent('hang.mjs')] }).attempt(request, makeCtx(attemptDir, undefined, controller.signal));
    expect(await waitFor(() => fs.existsSync(path.join(attemptDir, 'hang-pids.json')))).toBe(true);
    controller.abort();
    const outcome = await running;
    const pids = readJson(path.join(attemptDir, 'hang-pids.json')) as { agent: number; child: number };
    leftovers.push(pids.agent, pids.child);
    expect(outcome.exec?.aborted).toBe(true);
    expect(outcome.error).toBe('the agent was stopped because the run was interrupted');
  });

  it('names the executable and the config key when the agent cannot start', async () => {
    const { worktree, attemptDir, request } = setup();
    const before = snapshot(worktree);
    const outcome = await createCommandAgent({ argv: ['./no-such-agent', '--x'] }).attempt(request, makeCtx(attemptDir));
    expect(outcome.exec?.failedToStart).toBe(true);
    expect(outcome.error).toContain("'./no-such-agent'");
    expect(outcome.error).toContain('agents.command.argv');
    expect(readJson(path.join(attemptDir, 'result.json'))).toEqual({ error: outcome.error });
    expect(snapshot(worktree)).toEqual(before);
  });

  it('resolves a relative executable against baseDir', async () => {
    const { attemptDir, request } = setup();
    const agent = createCommandAgent({ argv: ['./lies.mjs'], baseDir: path.dirname(fakeAgent('lies.mjs')) });
    const outcome = await agent.attempt(request, makeCtx(attemptDir));
    expect(outcome.error).toBeUndefined();
    expect(outcome.result?.status).toBe('fixed');
  });
});
