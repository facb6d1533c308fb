// Helpers shared by the agents' specs: requests, contexts, temp worktrees, fake agent paths.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { silentLogger } from '../engine/logger.js';
import type { AgentContext, AgentRequest } from './contract.js';
import { agentResultJsonSchema } from './result-schema.js';

export const fakeAgentsDir = fileURLToPath(new URL('../../fixtures/agents/', import.meta.url));

export function fakeAgent(name: string): string {
  return path.join(fakeAgentsDir, name);
}

export function tempDir(prefix = 'atqos-agents-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A worktree-like temp dir holding a tiny pytest project with one failing test. */
export function tempProject(): string {
  const dir = tempDir('atqos-agents-wt-');
  fs.mkdirSync(path.join(dir, 'src'));
  fs.mkdirSync(path.join(dir, 'tests'));
  fs.writeFileSync(path.join(dir, 'src', 'calc.py'), 'def add(a, b):\n    return a - b\n');
  fs.writeFileSync(
    path.join(dir, 'tests', 'test_calc.py'),
    'from calc import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n\n\ndef test_add_zero():\n    assert add(0, 0) == 0\n',
  );
  return dir;
}

export function makeRequest(worktree: string, overrides: Partial<AgentRequest> = {}): AgentRequest {
  return {
    schema: 'atqos/agent-request@1',
    runId: 'run-1',
    taskId: 'task-1',
    attempt: 1,
    type: 'fix',
    title: 'tests/test_calc.py::test_add fails',
    targets: { files: ['tests/test_calc.py'], nodeIds: ['tests/test_calc.py::test_add'] },
    instructions: '# fix it\n\nE       assert -1 == 5\n',
    worktree,
    allowedPaths: ['src/**'],
    forbiddenPaths: ['.github/**'],
    validation: [{ argv: ['python', '-m', 'pytest', 'tests/test_calc.py::test_add'] }],
    timeoutMs: 20_000,
    budget: {},
    resultSchema: agentResultJsonSchema(),
    ...overrides,
  };
}

/** PATH with the running node first, so `#!/usr/bin/env node` agents find it in an allowlisted env. */
export function agentPath(): string {
  return [path.dirname(process.execPath), process.env.PATH ?? ''].join(path.delimiter);
}

export function makeCtx(attemptDir: string, env: Record<string, string> = { PATH: agentPath() }, signal = new AbortController().signal): AgentContext {
  return { attemptDir, env, log: silentLogger, signal };
}

/** Every file under `dir` with its content, to prove nothing changed. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, file)] = fs.readFileSync(file, 'utf8');
  }
  return out;
}
