import type { CommandSpec } from '../../src/core/index.js';
import { goNodeId } from './node-ids.js';
import { goEnv, parseOptions } from './schema.js';

/** `go test -list . <packages>`: every top-level test, benchmark, example and fuzz target. */
export function listTestsCommand(rawOptions: unknown): CommandSpec {
  const options = parseOptions(rawOptions);
  return {
    argv: [...options.command, 'test', '-count=1', '-list', '.', ...options.args, ...options.packages.map((p) => (p.startsWith('-') ? `./${p}` : p))],
    cwd: '.',
    env: goEnv(options),
    timeoutMs: Math.round(options.timeoutSec * 1000),
  };
}

// `ok  \tpkg\t0.01s`, `?   \tpkg\t[no test files]`, `FAIL\tpkg [build failed]`: a package's end.
const SUMMARY = /^(?:ok|\?|FAIL)\s+(\S+)(?:\s|$)/;
const NAME = /^(?:Test|Benchmark|Example|Fuzz)\S*$/u;

/**
 * The listed test ids (`<import path>::<Test>`), or undefined when go listed no package at all
 * (it could not start, or the module does not load). A package that does not build lists no
 * tests, so breaking a package's build shrinks the inventory.
 */
export function parseListedTests(exitCode: number | null, stdout: string): string[] | undefined {
  if (exitCode === null) return undefined;
  const ids: string[] = [];
  let pending: string[] = [];
  let packages = 0;
  for (const line of stdout.replace(/\r\n/g, '\n').split('\n')) {
    const summary = SUMMARY.exec(line);
    if (summary) {
      packages += 1;
      ids.push(...pending.map((name) => goNodeId(summary[1]!, name)));
      pending = [];
    } else if (NAME.test(line)) {
      pending.push(line);
    }
  }
  return packages ? [...new Set(ids)].sort() : undefined;
}
