import { z } from 'zod';

const flag = z.enum(['true', 'false', '']).transform((v) => v === 'true');
const optional = z.string().transform((v) => v.trim() || undefined);

/** The Action's inputs, as `action.yml` declares them (GitHub passes every input as a string). */
export const ActionInputs = z.object({
  lane: optional,
  command: z.enum(['diagnose', 'run']),
  pr: z.string().regex(/^\d*$/, 'must be a pull request number').transform((v) => (v ? Number(v) : undefined)),
  sha: z.string().regex(/^([0-9a-f]{40})?$/, 'must be a full 40-digit commit SHA').transform((v) => v || undefined),
  config: z.string(),
  agent: optional,
  publish: z.enum(['none', 'standalone', 'app']),
  dryRun: flag,
  workingDirectory: z.string().transform((v) => v.trim() || '.'),
  failOn: z.enum(['red', 'error', 'never']),
  githubToken: optional,
  changedSince: z.string().regex(/^(?!-)[^\s]*$/, 'must be a revision such as origin/main or a commit SHA').transform((v) => v || undefined),
});
export type ActionInputs = z.infer<typeof ActionInputs>;

const NAMES: Record<keyof ActionInputs, string> = {
  lane: 'lane', command: 'command', pr: 'pr', sha: 'sha', config: 'config', agent: 'agent', publish: 'publish',
  dryRun: 'dry-run', workingDirectory: 'working-directory', failOn: 'fail-on', githubToken: 'github-token', changedSince: 'changed-since',
};

const DEFAULTS: Partial<Record<keyof ActionInputs, string>> = { command: 'diagnose', config: '.github/atqos.yml', publish: 'none', dryRun: 'false', failOn: 'red' };

/** Reads and checks every input; a bad one is an error naming the input and what it accepts. */
export function readInputs(get: (name: string) => string): ActionInputs {
  const raw = Object.fromEntries(Object.entries(NAMES).map(([key, name]) => [key, get(name).trim() || DEFAULTS[key as keyof ActionInputs] || '']));
  const parsed = ActionInputs.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `input '${NAMES[i.path[0] as keyof ActionInputs] ?? String(i.path[0])}': ${i.message}`);
  throw new Error(`${problems.join('; ')} (see the inputs in the ATQOS action's README)`);
}
