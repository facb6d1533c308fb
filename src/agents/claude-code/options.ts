import { z } from 'zod';

/** The `agents.claude-code` config section. */
export const ClaudeCodeOptions = z
  .object({
    /** The `claude` executable: a name on PATH or an absolute path. */
    bin: z.string().min(1).default('claude'),
    /** `--model`: an alias (`sonnet`, `opus`) or a full model name; absent: the CLI's default. */
    model: z.string().min(1).optional(),
    /** `--max-turns` when the task sets no `budget.maxTurns`. */
    maxTurns: z.number().int().positive().default(30),
    /** Names of variables (API keys) passed to this agent's process only. */
    allowEnv: z.array(z.string().min(1)).default(['ANTHROPIC_API_KEY']),
    /** Appended to the command line as-is, after ATQOS's own flags. */
    extraArgs: z.array(z.string()).default([]),
  })
  .strict();
export type ClaudeCodeOptions = z.infer<typeof ClaudeCodeOptions>;
