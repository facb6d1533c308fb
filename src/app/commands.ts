/** The slash commands that start the ATQOS workflow. */
export type RunCommandName = 'fix-tests' | 'run' | 'diagnose' | 'coverage' | 'audit-skips';

/** The `command` input of the ATQOS workflow (action/inputs.ts): `run` fixes, `diagnose` only reports. */
export type WorkflowCommand = 'run' | 'diagnose';

interface CommandSpec {
  command: WorkflowCommand;
  /** A fixed lane: the command takes no lane argument. */
  lane?: string;
  help: string;
}

/** Every slash command that dispatches, and what it dispatches: the one table to change. */
export const COMMANDS: Readonly<Record<RunCommandName, CommandSpec>> = {
  'fix-tests': { command: 'run', help: 'diagnose and open fix PRs for failing tests' },
  run: { command: 'run', help: 'run a lane and publish its findings and fixes' },
  diagnose: { command: 'diagnose', help: 'diagnose only, no fixes' },
  coverage: { command: 'diagnose', lane: 'weekly', help: 'the coverage gap finder (lane `weekly`)' },
  'audit-skips': { command: 'diagnose', lane: 'nightly', help: 'the full suite with the skip audit (lane `nightly`)' },
};

/** The lane when none is given: `pr` on a pull request, `health` on the default branch (an issue). */
export const DEFAULT_LANE = 'pr';
export const DEFAULT_BRANCH_LANE = 'health';

/** `fix-tests` is the maintainers' word for `run`: diagnose, fix, validate, publish. */
export function workflowCommand(command: RunCommandName): WorkflowCommand {
  return COMMANDS[command].command;
}

/** The workflow's `command` and `lane` for a slash command, on a pull request or not. */
export function resolveDispatch(command: RunCommandName, lane: string | undefined, onPullRequest: boolean): { command: WorkflowCommand; lane: string } {
  const spec = COMMANDS[command];
  return { command: spec.command, lane: spec.lane ?? lane ?? (onPullRequest ? DEFAULT_LANE : DEFAULT_BRANCH_LANE) };
}

/** A parsed `/atqos …` line. `lane` is set only when the comment names one. */
export type SlashCommand =
  | { kind: 'dispatch'; command: RunCommandName; lane?: string }
  | { kind: 'approve'; sha: string }
  | { kind: 'help'; reason?: string };

const LANE = /^[a-z][a-z0-9_-]{0,39}$/;
const FULL_SHA = /^[0-9a-f]{40}$/;
// A command starts a line (up to three spaces, as Markdown allows before a paragraph).
const COMMAND_LINE = /^ {0,3}\/atqos(?=\s|$)(.*)$/m;

const isRunCommand = (sub: string): sub is RunCommandName => Object.hasOwn(COMMANDS, sub);

/**
 * The first `/atqos` command in a comment, or undefined when no line starts with one (a mention
 * mid-sentence, in a quote or in a code block does not count).
 */
export function parseSlashCommand(body: string): SlashCommand | undefined {
  const match = COMMAND_LINE.exec(body.replace(/\r\n?/g, '\n'));
  if (!match) return undefined;
  const [sub, arg, ...rest] = (match[1] ?? '').trim().split(/\s+/).filter(Boolean);
  if (sub === undefined || sub === 'help') return { kind: 'help' };
  if (rest.length) return { kind: 'help', reason: `\`${sub.slice(0, 40)}\` takes at most one argument` };
  if (sub === 'approve') {
    // A full SHA only: a short prefix could be matched by a commit crafted to collide with it.
    const sha = arg?.toLowerCase();
    return sha && FULL_SHA.test(sha) ? { kind: 'approve', sha } : { kind: 'help', reason: '`approve` needs the full 40-character head SHA' };
  }
  if (!isRunCommand(sub)) return { kind: 'help', reason: `unknown command \`${sub.slice(0, 40)}\`` };
  if (arg === undefined) return { kind: 'dispatch', command: sub };
  if (COMMANDS[sub].lane) return { kind: 'help', reason: `\`${sub}\` always runs lane \`${COMMANDS[sub].lane}\` and takes no argument` };
  if (!LANE.test(arg)) return { kind: 'help', reason: `\`${arg.slice(0, 40)}\` is not a lane name` };
  return { kind: 'dispatch', command: sub, lane: arg };
}

/** The reply to `help` and to an unknown or malformed command. Commands are in backticks so the reply never triggers itself. */
export function helpText(reason?: string): string {
  const usage = (name: RunCommandName) => (COMMANDS[name].lane ? `\`/atqos ${name}\`` : `\`/atqos ${name} [lane]\``);
  return [
    reason ? `ATQOS did not understand that: ${reason}.` : 'ATQOS commands:',
    '',
    ...Object.keys(COMMANDS).map((name) => `- ${usage(name as RunCommandName)} — ${COMMANDS[name as RunCommandName].help}`),
    '- `/atqos approve <head-sha>` — (maintainers) allow runs on this fork PR at exactly that commit',
    '- `/atqos help` — this list',
    '',
    `The lane defaults to \`${DEFAULT_LANE}\` on a pull request and \`${DEFAULT_BRANCH_LANE}\` (the default branch) on an issue.`,
    'Commands must start a line and need write access to the repository.',
  ].join('\n');
}
