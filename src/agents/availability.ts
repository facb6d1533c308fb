import { runCaptured } from '../runner/index.js';
import { errorLineOf } from './cli-agent/read-text.js';
import { findExecutable } from './find-executable.js';
import { AGENT_IDS } from './registry.js';
import { ClaudeCodeOptions } from './claude-code/options.js';
import { CodexOptions } from './codex/options.js';
import { CursorAgentOptions } from './cursor-agent/options.js';
import type { AgentRegistryConfig } from './registry.js';

/** Whether one adapter can run on this machine, and what it is. */
export interface AgentAvailability {
  id: string;
  available: boolean;
  /** The resolved executable, for the agents that start one. */
  bin?: string;
  /** What `<bin> --version` printed (its first line). */
  version?: string;
  /** Why it is unavailable, or a short note on what it is. */
  detail: string;
}

export interface ProbeOptions {
  /** What a relative executable path resolves against: the target repository. */
  repoDir: string;
  /**
   * The environment of the `--version` probe: an allowlist (PATH, HOME, …) with no API key, since
   * printing a version needs none. Its PATH is also where bare names are looked up.
   */
  env: Readonly<Record<string, string>>;
  /** A CLI that has not answered `--version` by then counts as unavailable. Default 5000 ms. */
  timeoutMs?: number;
}

const CLI_OPTIONS = { 'claude-code': ClaudeCodeOptions, codex: CodexOptions, 'cursor-agent': CursorAgentOptions } as const;
type CliId = keyof typeof CLI_OPTIONS;
const MAX_VERSION_CHARS = 200;

/** Probes every adapter in AGENT_IDS order. Never throws for what an executable does. */
export async function probeAgents(config: AgentRegistryConfig, opts: ProbeOptions): Promise<AgentAvailability[]> {
  return Promise.all(AGENT_IDS.map((id) => probeAgent(id, config, opts)));
}

/** Probes one adapter: builtin always runs; `command` needs a resolvable argv[0]; CLI agents must answer `--version`. */
export async function probeAgent(id: string, config: AgentRegistryConfig, opts: ProbeOptions): Promise<AgentAvailability> {
  if (id === 'builtin') return { id, available: true, detail: 'built in: deterministic fixes, no model' };
  if (id === 'command') return probeCommand(config, opts);
  if (id in CLI_OPTIONS) return probeCli(id as CliId, config, opts);
  return { id, available: false, detail: `unknown agent: use one of ${AGENT_IDS.join(', ')}` };
}

function probeCommand(config: AgentRegistryConfig, opts: ProbeOptions): AgentAvailability {
  const argv0 = config.command?.argv[0];
  if (!argv0) return { id: 'command', available: false, detail: 'unavailable: agents.command.argv is not set' };
  const found = findExecutable(argv0, opts.env.PATH, opts.repoDir);
  if ('problem' in found) return { id: 'command', available: false, detail: `unavailable: ${found.problem}; fix agents.command.argv[0]` };
  // A command agent follows only ATQOS's request/result contract, so there is no version to ask for.
  return { id: 'command', available: true, bin: found.path, detail: `runs ${JSON.stringify(config.command?.argv)}` };
}

async function probeCli(id: CliId, config: AgentRegistryConfig, opts: ProbeOptions): Promise<AgentAvailability> {
  const parsed = CLI_OPTIONS[id].safeParse(config[id] ?? {});
  if (!parsed.success) return { id, available: false, detail: `unavailable: agents.${id} is invalid (${parsed.error.issues[0]?.message ?? 'bad value'})` };
  const found = findExecutable(parsed.data.bin, opts.env.PATH, opts.repoDir);
  if ('problem' in found) return { id, available: false, detail: `unavailable: ${found.problem}; install it or set agents.${id}.bin` };
  const timeoutMs = opts.timeoutMs ?? 5000;
  const r = await runCaptured({ argv: [found.path, '--version'], cwd: opts.repoDir, env: opts.env, timeoutMs, maxBytes: 4096, stderrTailBytes: 4096, killGraceMs: 500, label: id });
  const unavailable = (why: string): AgentAvailability => ({ id, available: false, bin: found.path, detail: `unavailable: ${why}` });
  if (r.failedToStart) return unavailable(r.error ?? `${found.path} could not be started`);
  if (r.timedOut) return unavailable(`\`${parsed.data.bin} --version\` did not answer within ${timeoutMs / 1000} s`);
  if (r.exitCode !== 0) {
    const said = errorLineOf(r.stderr);
    return unavailable(`\`${parsed.data.bin} --version\` exited with ${r.exitCode === null ? `signal ${r.signal}` : `code ${r.exitCode}`}${said ? ` (${said})` : ''}`);
  }
  const version = firstLine(r.stdout.toString('utf8'));
  if (!version) return unavailable(`\`${parsed.data.bin} --version\` printed nothing`);
  return { id, available: true, bin: found.path, version, detail: version };
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/).map((l) => l.trim()).find(Boolean) ?? '';
  return line.slice(0, MAX_VERSION_CHARS);
}
