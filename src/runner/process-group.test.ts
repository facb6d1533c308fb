import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import { killAllChildren } from './process-group.js';
import { runCommand } from './run-command.js';
import { bin, isAlive, killLeftovers, nodeSpec, readPid, tempDir, waitFor } from './test-support.js';

const runnerDir = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Compiles `src/<folder>` to plain JS in `dir/<folder>`. */
function transpileFolder(dir: string, folder: string): void {
  const from = path.join(runnerDir, '..', folder);
  const out = path.join(dir, folder);
  fs.mkdirSync(out);
  for (const file of fs.readdirSync(from).filter((f) => f.endsWith('.ts') && !f.includes('test'))) {
    const source = fs.readFileSync(path.join(from, file), 'utf8');
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    fs.writeFileSync(path.join(out, file.replace(/\.ts$/, '.js')), js.outputText);
  }
}

/** Compiles the runner (and the scrubber it writes through) to plain JS in `dir` so a separate node process can host it. */
function buildRunner(dir: string): string {
  transpileFolder(dir, 'runner');
  transpileFolder(dir, 'secrets');
  fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'));
  const host = path.join(dir, 'host.js');
  fs.writeFileSync(host, `import { runCommand } from './runner/index.js';
const [script, pidFile] = process.argv.slice(2);
await runCommand({ argv: [process.execPath, script, pidFile], cwd: process.cwd(), env: {},
  stdoutPath: 'child.stdout', stderrPath: 'child.stderr' });
`);
  return host;
}

describe('process groups do not outlive the orchestrator', { timeout: 30_000 }, () => {
  const grandchildren: number[] = [];
  afterEach(() => {
    killLeftovers(grandchildren);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('kills the running tree when the host gets %s', async (signal) => {
    const dir = tempDir();
    const host = spawn(process.execPath, [buildRunner(dir), bin('sleep-tree.js'), path.join(dir, 'gc.pid')], { cwd: dir, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => host.once('exit', (_code, sig) => resolve(sig)));
    const grandchild = await readPid(path.join(dir, 'gc.pid'));
    grandchildren.push(grandchild);
    expect(isAlive(grandchild)).toBe(true);
    host.kill(signal);
    // The runner re-raises the signal, so the host dies of it as if nobody had listened.
    expect(await exited).toBe(signal);
    expect(await waitFor(() => !isAlive(grandchild))).toBe(true);
  });

  it('killAllChildren ends every live group and the runs report the signal', async () => {
    const dir = tempDir();
    const runs = ['a', 'b'].map((name) => {
      const spec = nodeSpec(dir, 'sleep-tree.js', [path.join(dir, `${name}.pid`)]);
      return runCommand({ ...spec, stdoutPath: path.join(dir, `${name}.out`), stderrPath: path.join(dir, `${name}.err`) });
    });
    const pids = await Promise.all(['a', 'b'].map((name) => readPid(path.join(dir, `${name}.pid`))));
    grandchildren.push(...pids);
    expect(killAllChildren()).toBe(2);
    const results = await Promise.all(runs);
    expect(results.map((r) => r.signal)).toEqual(['SIGKILL', 'SIGKILL']);
    expect(await waitFor(() => pids.every((pid) => !isAlive(pid)))).toBe(true);
    expect(killAllChildren()).toBe(0);
  });
});
