import { z } from 'zod';

/** The `agents.codex` config section. */
export const CodexOptions = z
  .object({
    /** The `codex` executable: a name on PATH or an absolute path. */
    bin: z.string().min(1).default('codex'),
    /** `--model`; absent: the CLI's default (its config.toml or built-in). */
    model: z.string().min(1).optional(),
    /** Names of variables (API keys) passed to this agent's process only. */
    allowEnv: z.array(z.string().min(1)).default(['OPENAI_API_KEY', 'CODEX_API_KEY']),
    /** Appended to the `codex exec` options as-is, before the prompt placeholder. */
    extraArgs: z.array(z.string()).default([]),
  })
  .strict();
export type CodexOptions = z.infer<typeof CodexOptions>;
