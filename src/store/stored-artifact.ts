import { z } from 'zod';

/** A file of the run directory, as the store indexes it. */
export const StoredArtifact = z.object({
  /** Relative to the run directory, posix. */
  path: z.string().min(1),
  /** What the file is: `raw`, `report`, `patch`, `log`, ... */
  kind: z.string().min(1),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});
export type StoredArtifact = z.infer<typeof StoredArtifact>;
