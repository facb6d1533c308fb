import path from 'node:path';
import { runCommand } from '../../runner/index.js';
import type { ExecResult } from '../../runner/index.js';
import type { AgentAdapter, AgentContext, AgentOutcome, AgentRequest, AgentResult } from '../contract.js';
import { ATTEMPT_FILES, writeRequestFiles, writeResultFile } from '../attempt-files.js';
import { NO_RESULT, parseResultFile } from './parse-result.js';

/** Environment variable holding the absolute path of request.json (also the last argv element). */
export const REQUEST_ENV = 'ATQOS_AGENT_REQUEST';

const CONFIG_KEY = 'agents.command.argv';

export interface CommandAgentOptions {
  /** The agent to run, e.g. `["./scripts/agent", "--fast"]`; the request path is appended. */
  argv: readonly string[];
  /** Variables set for the agent on top of the context's environment. */
  env?: Readonly<Record<string, string>>;
  /** Directory a relative argv[0] such as `./agent` resolves against; default the worktree. */
  baseDir?: string;
}

/**
 * The `command` adapter: runs any executable in the task's worktree. It gets the request as a
 * JSON file (path in $ATQOS_AGENT_REQUEST and as its last argument) and must print an AgentResult
 * as the last line of stdout. Whatever the agent does, the outcome is data, never an exception.
 */
export function createCommandAgent(opts: CommandAgentOptions): AgentAdapter {
  return {
    id: 'command',
    description: `runs ${JSON.stringify(opts.argv)} in the worktree; result JSON on the last stdout line`,
    attempt: (request, ctx) => attemptWithCommand(opts, request, ctx),
  };
}

async function attemptWithCommand(opts: CommandAgentOptions, request: AgentRequest, ctx: AgentContext): Promise<AgentOutcome> {
  const requestPath = await writeRequestFiles(ctx.attemptDir, request);
  const [file = '', ...args] = opts.argv;
  const exec = await runCommand({
    argv: [resolveExecutable(file, opts.baseDir), ...args, requestPath],
    cwd: request.worktree,
    env: { ...ctx.env, ...opts.env, [REQUEST_ENV]: requestPath },
    stdoutPath: path.join(ctx.attemptDir, ATTEMPT_FILES.stdout),
    stderrPath: path.join(ctx.attemptDir, ATTEMPT_FILES.stderr),
    timeoutMs: request.timeoutMs,
    signal: ctx.signal,
    label: 'agent',
    hint: `set \`${CONFIG_KEY}\` in .github/atqos.yml to an executable that exists (a relative path resolves against the repository root)`,
  });
  const outcome = await judge(exec, request.timeoutMs);
  ctx.log.info({ taskId: request.taskId, attempt: request.attempt, exitCode: exec.exitCode, error: outcome.error }, 'agent finished');
  await writeResultFile(ctx.attemptDir, outcome.error === undefined ? outcome.result : { error: outcome.error, result: outcome.result });
  return outcome;
}

function resolveExecutable(file: string, baseDir: string | undefined): string {
  const relativePath = !path.isAbsolute(file) && (file.startsWith('./') || file.startsWith('../'));
  return baseDir && relativePath ? path.resolve(baseDir, file) : file;
}

/** Turns how the process ended into an outcome; the first matching reason wins. */
async function judge(exec: ExecResult, timeoutMs: number): Promise<AgentOutcome> {
  const stopped = stoppedReason(exec, timeoutMs);
  if (stopped) return outcome(exec, undefined, stopped);
  const parsed = await parseResultFile(exec.stdoutPath);
  const result = parsed.ok ? parsed.result : undefined;
  if (exec.exitCode !== 0) {
    const printed = parsed.ok ? 'after printing a result' : 'and printed no result JSON';
    return outcome(exec, result, `the agent exited with code ${exec.exitCode ?? 'null'} ${printed}; see agent.stderr`);
  }
  if (parsed.ok) return outcome(exec, result, undefined);
  const cut = exec.stdoutTruncated > 0 ? ` (stdout exceeded the byte cap and was cut, so the last line is lost)` : '';
  return outcome(exec, undefined, `${parsed.reason}${cut}`);
}

function stoppedReason(exec: ExecResult, timeoutMs: number): string | undefined {
  if (exec.failedToStart) return exec.error ?? `the agent could not be started; check \`${CONFIG_KEY}\``;
  if (exec.timedOut) {
    return `the agent was killed after ${Number((timeoutMs / 1000).toFixed(1))} s: it exceeded the task timeout (with every process it started)`;
  }
  if (exec.aborted) return 'the agent was stopped because the run was interrupted';
  if (exec.signal) return `the agent was killed by ${exec.signal} before it finished; ${NO_RESULT}`;
  return undefined;
}

function outcome(exec: ExecResult, result: AgentResult | undefined, error: string | undefined): AgentOutcome {
  return {
    exec,
    cost: result?.cost ?? {},
    ...(result ? { result } : {}),
    ...(error === undefined ? {} : { error }),
  };
}
