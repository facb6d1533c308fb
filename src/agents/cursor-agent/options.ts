import { z } from 'zod';

/** The `agents.cursor-agent` config section. */
export const CursorAgentOptions = z
  .object({
    /** The `cursor-agent` executable (newer installs also name it `agent`). */
    bin: z.string().min(1).default('cursor-agent'),
    /** `--model`; absent: the account's default. */
    model: z.string().min(1).optional(),
    /** Names of variables (API keys) passed to this agent's process only. */
    allowEnv: z.array(z.string().min(1)).default(['CURSOR_API_KEY']),
    /** Appended to the command line as-is, before the prompt. */
    extraArgs: z.array(z.string()).default([]),
  })
  .strict();
export type CursorAgentOptions = z.infer<typeof CursorAgentOptions>;
