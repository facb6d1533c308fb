import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { AtqosError } from '../core/index.js';
import { runScrubber, scrubBytes } from '../secrets/index.js';

/** The `<base>.stdout` and `<base>.stderr` files that keep one git call's output as evidence. */
export interface CallLog {
  /** Writes the output, secrets redacted, and closes both files; throws `git_log_unwritable` when it cannot. */
  write(stdout: Buffer, stderr: string): Promise<void>;
}

/**
 * Makes `dir` (synchronously, so a run directory that cannot hold logs stops the call before git
 * runs) and opens both files while git runs: creating files is the slow part, and it overlaps
 * the child instead of following it.
 */
export function openCallLog(dir: string, base: string): CallLog {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch {
    throw new AtqosError('git_not_started', `cannot create the directory of output file '${base}.stdout'; check the run directory's permissions`);
  }
  const opened = Promise.allSettled([fs.promises.open(`${base}.stdout`, 'w'), fs.promises.open(`${base}.stderr`, 'w')]);
  return {
    async write(stdout, stderr) {
      const handles = await opened;
      try {
        await Promise.all(handles.map((h, i) => {
          if (h.status === 'rejected') throw h.reason;
          return h.value.writeFile(i === 0 ? scrubBytes(stdout, runScrubber()) : runScrubber().scrub(stderr));
        }));
      } catch (cause) {
        throw new AtqosError('git_log_unwritable', `cannot write the output of ${path.basename(base)} to ${base}.stdout/.stderr`, {
          hint: 'check that the run directory is writable and the disk is not full',
          cause,
        });
      } finally {
        await Promise.all(handles.map((h) => (h.status === 'fulfilled' ? closeQuietly(h.value) : undefined)));
      }
    },
  };
}

async function closeQuietly(handle: FileHandle): Promise<void> {
  await handle.close().catch(() => undefined);
}
