import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runCommand } from '../../runner/index.js';
import type { ExecResult } from '../../runner/index.js';
import type { AgentContext, AgentRequest } from '../contract.js';
import { ATTEMPT_FILES, writeArtifact, writeResultFile } from '../attempt-files.js';
import { errorLineOf, readText } from './read-text.js';
import type { CliAgentOutcome, Invocation, ParsedOutput } from './types.js';

/** File in the attempt dir holding the exact argv and the names (never values) of the env. */
export const INVOCATION_FILE = 'invocation.json';
/** File in the attempt dir holding the prompt given on stdin. */
export const PROMPT_FILE = 'prompt.md';

/** One prepared CLI run: what to start, what to write first, how to read what it printed. */
export interface CliRun {
  /** Adapter id, e.g. `claude-code`: names the agent in every error sentence. */
  id: string;
  invocation: Invocation;
  /** Files written before the start, absolute path → content (codex: its output schema). */
  files?: Record<string, string>;
  /** Where the CLI writes its final message (codex `--output-last-message`). */
  lastMessagePath?: string;
  parse(stdout: string, extra: { lastMessage?: string; stderr: string }): ParsedOutput;
}

/**
 * Runs a CLI agent in the worktree and judges how it ended. Never throws for anything the agent
 * does: a missing binary, a crash, a timeout or garbage output are all an outcome with `error`.
 * Request files must already be written (`writeRequestFiles`).
 */
export async function runCliAgent(run: CliRun, request: AgentRequest, ctx: AgentContext): Promise<CliAgentOutcome> {
  await writeInvocationFile(ctx.attemptDir, run, request.worktree, Object.keys(ctx.env));
  for (const [file, text] of Object.entries(run.files ?? {})) await writeFile(file, text);
  // A message left by an earlier run in this directory must not pass for this run's.
  if (run.lastMessagePath) await rm(run.lastMessagePath, { force: true });
  const exec = await runCommand({
    argv: run.invocation.argv,
    cwd: request.worktree,
    env: { ...ctx.env, ...run.invocation.env },
    stdoutPath: path.join(ctx.attemptDir, ATTEMPT_FILES.stdout),
    stderrPath: path.join(ctx.attemptDir, ATTEMPT_FILES.stderr),
    timeoutMs: request.timeoutMs,
    signal: ctx.signal,
    label: run.id,
    hint: `install the ${run.id} CLI or set \`agents.${run.id}.bin\` in .github/atqos.yml to its path`,
    ...(run.invocation.stdin === undefined ? {} : { input: run.invocation.stdin }),
  });
  const stderr = await readText(exec.stderrPath);
  const lastMessage = run.lastMessagePath ? await readText(run.lastMessagePath) : '';
  const parsed = run.parse(await readText(exec.stdoutPath), { stderr, ...(lastMessage ? { lastMessage } : {}) });
  const outcome = judge(run.id, exec, parsed, stderr, request.timeoutMs);
  ctx.log.info(
    { agent: run.id, taskId: request.taskId, attempt: request.attempt, exitCode: exec.exitCode, errorKind: outcome.errorKind, cost: outcome.cost },
    'agent finished',
  );
  const { exec: _exec, ...recorded } = outcome;
  await writeResultFile(ctx.attemptDir, recorded);
  return outcome;
}

/** Turns how the process ended plus what it printed into an outcome; the first reason wins. */
export function judge(id: string, exec: ExecResult, parsed: ParsedOutput, stderr: string, timeoutMs: number): CliAgentOutcome {
  const base: CliAgentOutcome = {
    exec,
    cost: parsed.cost,
    ...(parsed.sessionId ? { sessionId: parsed.sessionId } : {}),
    ...(parsed.filesTouched ? { filesTouched: parsed.filesTouched } : {}),
  };
  if (exec.failedToStart) return { ...base, errorKind: 'unavailable', error: exec.error ?? `the ${id} CLI could not be started; check \`agents.${id}.bin\`` };
  if (exec.timedOut) {
    const seconds = Number((timeoutMs / 1000).toFixed(1));
    return { ...base, errorKind: 'timeout', error: `the ${id} agent was killed after ${seconds} s: it exceeded the task timeout (with every process it started)` };
  }
  if (exec.aborted) return { ...base, errorKind: 'interrupted', error: `the ${id} agent was stopped because the run was interrupted` };
  if (exec.signal) return { ...base, errorKind: 'crashed', error: `the ${id} agent was killed by ${exec.signal} before it finished; see agent.stderr` };
  const withResult = parsed.result ? { ...base, result: parsed.result } : base;
  // Missing output from a process that failed says less than its exit code and stderr.
  const crashedSilently = exec.exitCode !== 0 && (parsed.errorKind === 'garbage' || parsed.errorKind === 'no_result');
  if (parsed.error && !crashedSilently) return { ...withResult, errorKind: parsed.errorKind ?? 'garbage', error: parsed.error };
  if (exec.exitCode !== 0) {
    const said = errorLineOf(stderr);
    return { ...withResult, errorKind: 'crashed', error: `the ${id} agent exited with code ${exec.exitCode ?? 'null'}${said ? ` (${said})` : ''}; see agent.stderr` };
  }
  return withResult;
}

async function writeInvocationFile(attemptDir: string, run: CliRun, cwd: string, contextEnv: string[]): Promise<void> {
  const record = {
    agent: run.id,
    argv: run.invocation.argv,
    cwd,
    // Names only: values may be API keys.
    env: [...new Set([...contextEnv, ...Object.keys(run.invocation.env)])].sort(),
    stdin: run.invocation.stdin === undefined ? null : PROMPT_FILE,
  };
  await writeArtifact(attemptDir, INVOCATION_FILE, `${JSON.stringify(record, null, 2)}\n`);
  if (run.invocation.stdin !== undefined) await writeArtifact(attemptDir, PROMPT_FILE, run.invocation.stdin);
}
