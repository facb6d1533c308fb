import { MAX_TIMEOUT_SEC } from '../../src/config/schema.js';
import { z } from 'zod';
import { optionsParser } from '../_lib/options-parser.js';

/** Go's `-timeout` syntax: a positive duration such as `90s`, `10m`, `1h30m`, `250ms`. */
const GO_DURATION = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;

/** The `plugins.go-test` section of `.github/atqos.yml`. */
export const GoTestOptions = z
  .object({
    /** The go executable, or a full argv prefix replacing it (e.g. `["/usr/local/go/bin/go"]`). */
    command: z.array(z.string().min(1)).min(1).default(['go']),
    /** Package patterns handed to `go test`. */
    packages: z.array(z.string().min(1)).min(1).default(['./...']),
    /** Extra `go test` flags, placed before the packages (e.g. `["-race"]`, `["-tags", "integration"]`). */
    args: z.array(z.string()).default([]),
    /** ATQOS's own limit for the whole `go test` process. */
    timeoutSec: z.number().positive().max(MAX_TIMEOUT_SEC).default(1800),
    /** go's own `-timeout` per test binary: a test running longer panics and is reported as a timeout. */
    testTimeout: z.string().regex(GO_DURATION).default('10m'),
    /** Environment for every go invocation, over ATQOS's hermetic defaults (see `goEnv`). */
    env: z.record(z.string().min(1), z.string()).default({}),
  })
  .strict();
export type GoTestOptions = z.infer<typeof GoTestOptions>;

const EXPECTED: Record<string, string> = {
  command: 'a non-empty list of non-empty strings (the go executable and any prefix)',
  packages: 'a non-empty list of package patterns such as ./...',
  args: 'a list of strings',
  timeoutSec: `a positive number of seconds, at most ${MAX_TIMEOUT_SEC}`,
  testTimeout: 'a Go duration such as 90s, 10m or 1h',
  env: 'a mapping of variable names to strings',
};

/** Parses and defaults the options; throws an AtqosError naming the offending key. */
export const parseOptions = optionsParser('go-test', GoTestOptions, EXPECTED);

/**
 * Hermetic defaults for every go invocation, under the user's `env`:
 * - GOTOOLCHAIN=local: go ≥ 1.21 would otherwise download the toolchain a go.mod asks for.
 * - GOPROXY=off: no module download; dependencies must be in the module cache or vendored, so a
 *   run never fetches code and a missing module is a clear environment error, not a hang.
 * `-count=1` on the command line (not GOFLAGS) keeps go's test cache from replaying old results.
 */
export function goEnv(options: GoTestOptions): Record<string, string> {
  return { GOTOOLCHAIN: 'local', GOPROXY: 'off', ...options.env };
}
