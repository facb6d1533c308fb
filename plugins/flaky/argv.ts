import { parseOptions as parsePytestOptions, pytestPrefix } from '../pytest/schema.js';
import type { FlakyOptions } from './schema.js';

/** Node ids per pytest invocation, and bytes of them: far below any OS argv limit (Windows: 32 KiB). */
export const MAX_IDS_PER_CHUNK = 200;
export const MAX_CHUNK_BYTES = 24_000;

/** `<python> -m pytest`, built by the pytest plugin's own rules. */
export function pytestCommand(options: FlakyOptions): string[] {
  return pytestPrefix(parsePytestOptions({ python: options.python }));
}

/**
 * The argv of one re-run: JUnit to `junitPath`, no cache (it would write into the repo and let
 * `--lf` reorder runs), no random-order plugin (each round must be the same experiment), and the
 * node ids after `--` so that an id starting with `-` is never read as an option.
 */
export function rerunArgv(options: FlakyOptions, junitPath: string, nodeIds: readonly string[], extra: readonly string[] = []): string[] {
  return [
    ...pytestCommand(options),
    `--junitxml=${junitPath}`,
    '-o', 'junit_family=xunit2',
    '-p', 'no:cacheprovider',
    '-p', 'no:randomly',
    '--color=no',
    '-q',
    ...extra,
    '--',
    ...nodeIds,
  ];
}

/** Splits ids into chunks that keep each argv small (by count and by bytes). */
export function chunkIds(nodeIds: readonly string[]): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const id of nodeIds) {
    const size = Buffer.byteLength(id) + 1;
    if (current.length && (current.length >= MAX_IDS_PER_CHUNK || bytes + size > MAX_CHUNK_BYTES)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(id);
    bytes += size;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

/** The child's env additions: no bytecode written into the repo (as the pytest plugin does). */
export function rerunEnv(base: Readonly<Record<string, string>>): Record<string, string> {
  return base['PYTHONPYCACHEPREFIX'] ? {} : { PYTHONDONTWRITEBYTECODE: '1' };
}
