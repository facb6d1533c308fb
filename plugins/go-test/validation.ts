import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandSpec, ValidationSpec } from '../../src/core/index.js';
import { runPattern, splitNodeId } from './node-ids.js';
import { goEnv, parseOptions } from './schema.js';
import type { GoTestOptions } from './schema.js';

/** Times a targeted re-run must pass in a row before a fix counts (a flaky pass is no fix). */
export const VALIDATION_REPEAT = 3;

const TARGETS_HELPER = 'go-test-targets.mjs';

/**
 * Where the targets helper lives: `plugins/go-test/bin/` under the package root, found by
 * walking up from this module (source tree, tsc output and the bundled CLI all sit below it).
 */
export function targetsHelper(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; dir = path.dirname(dir)) {
    for (const candidate of [path.join(dir, 'bin'), path.join(dir, 'plugins', 'go-test', 'bin')]) {
      if (fs.existsSync(path.join(candidate, TARGETS_HELPER))) return path.join(candidate, TARGETS_HELPER);
    }
    if (path.dirname(dir) === dir) return path.join(here, 'bin', TARGETS_HELPER);
  }
}

/** `go test -json -run <exact>` through the helper, which fails unless that very test passed. */
function targetRun(options: GoTestOptions, pkg: string, test: string): CommandSpec {
  const go = goTest(options, ['-json', '-run', runPattern(test)], pkg);
  return { ...go, argv: [process.execPath, targetsHelper(), pkg, test, '--', ...go.argv] };
}

function goTest(options: GoTestOptions, flags: string[], pkg: string): CommandSpec {
  return {
    argv: [...options.command, 'test', '-count=1', `-timeout=${options.testTimeout}`, ...options.args, ...flags, pkg.startsWith('-') ? `./${pkg}` : pkg],
    cwd: '.',
    env: goEnv(options),
    timeoutMs: Math.round(options.timeoutSec * 1000),
  };
}

/**
 * The commands that prove a task done. Test targets (`<pkg>::<Test>/<sub>`): one exact re-run
 * each, `-run` anchored and escaped per level, so hostile names are data, never a pattern.
 * `go test -run` exits 0 when nothing matches, so a helper fails the run unless the target itself
 * passed. Package targets (a build failure, a failing TestMain): the package must build and pass.
 */
export function validation(targets: { files: string[]; nodeIds: string[] }, rawOptions: unknown): ValidationSpec {
  const options = parseOptions(rawOptions);
  const commands: CommandSpec[] = [];
  const packages: string[] = [];
  for (const id of targets.nodeIds) {
    const split = splitNodeId(id);
    if (split) commands.push(targetRun(options, split.pkg, split.test));
    else packages.push(id);
  }
  for (const pkg of [...new Set(packages)].sort()) commands.push(goTest(options, [], pkg));
  if (commands.length === 0) return { commands: options.packages.map((p) => goTest(options, ['-run', '^$'], p)), expect: 'exit-zero', repeat: 1 };
  return { commands, expect: packages.length ? 'exit-zero' : 'targets-pass', repeat: VALIDATION_REPEAT };
}
