/** The slash commands that start the ATQOS workflow. */
export type RunCommandName = 'fix-tests' | 'run' | 'diagnose';

/** The `command` input of the ATQOS workflow (action/inputs.ts): `run` fixes, `diagnose` only reports. */
export type WorkflowCommand = 'run' | 'diagnose';

/** `fix-tests` is the maintainers' word for `run`: diagnose, fix, validate, publish. */
export function workflowCommand(command: RunCommandName): WorkflowCommand {
  return command === 'diagnose' ? 'diagnose' : 'run';
}

/** A parsed `/atqos …` line. */
export type SlashCommand =
  | { kind: 'dispatch'; command: RunCommandName; lane: string }
  | { kind: 'approve'; sha: string }
  | { kind: 'help'; reason?: string };

export const DEFAULT_LANE = 'pr';
const RUN_COMMANDS: readonly RunCommandName[] = ['fix-tests', 'run', 'diagnose'];
const LANE = /^[a-z][a-z0-9_-]{0,39}$/;
const FULL_SHA = /^[0-9a-f]{40}$/;
// A command starts a line (up to three spaces, as Markdown allows before a paragraph).
const COMMAND_LINE = /^ {0,3}\/atqos(?=\s|$)(.*)$/m;

/**
 * The first `/atqos` command in a comment, or undefined when no line starts with one (a mention
 * mid-sentence, in a quote or in a code block does not count).
 */
export function parseSlashCommand(body: string): SlashCommand | undefined {
  const match = COMMAND_LINE.exec(body.replace(/\r\n?/g, '\n'));
  if (!match) return undefined;
  const [sub, arg, ...rest] = (match[1] ?? '').trim().split(/\s+/).filter(Boolean);
  if (sub === undefined || sub === 'help') return { kind: 'help' };
  if (rest.length) return { kind: 'help', reason: `\`${sub}\` takes at most one argument` };
  if (sub === 'approve') {
    // A full SHA only: a short prefix could be matched by a commit crafted to collide with it.
    const sha = arg?.toLowerCase();
    return sha && FULL_SHA.test(sha) ? { kind: 'approve', sha } : { kind: 'help', reason: '`approve` needs the full 40-character head SHA' };
  }
  const command = RUN_COMMANDS.find((c) => c === sub);
  if (!command) return { kind: 'help', reason: `unknown command \`${sub.slice(0, 40)}\`` };
  if (arg !== undefined && !LANE.test(arg)) return { kind: 'help', reason: `\`${arg.slice(0, 40)}\` is not a lane name` };
  return { kind: 'dispatch', command, lane: arg ?? DEFAULT_LANE };
}

/** The reply to an unknown or malformed command. Commands are in backticks so the reply never triggers itself. */
export function helpText(reason?: string): string {
  return [
    reason ? `ATQOS did not understand that: ${reason}.` : 'ATQOS commands:',
    '',
    '- `/atqos fix-tests [lane]` — diagnose and open fix PRs for failing tests (lane defaults to `pr`)',
    '- `/atqos run [lane]` — run a lane and publish its findings',
    '- `/atqos diagnose [lane]` — diagnose only, no fixes',
    '- `/atqos approve <head-sha>` — (maintainers) allow runs on this fork PR at exactly that commit',
    '',
    'Commands must start a line and need write access to the repository.',
  ].join('\n');
}
