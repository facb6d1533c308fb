import fs from 'node:fs';
import path from 'node:path';
import { AtqosError } from '../core/index.js';
import type { Logger, Plugin } from '../plugin/contract.js';
import { executeRun } from './execute-run.js';
import type { RunOutcome } from './execute-run.js';

export interface IngestOptions {
  repoDir: string;
  registry: ReadonlyMap<string, Plugin>;
  /** Plugin id of the report format, e.g. `junit`. */
  format: string;
  files: string[];
  configPath?: string;
  signal?: AbortSignal;
  log?: Logger;
}

/** Expands directories to the XML files directly inside them; every path must exist. */
export function expandReportFiles(files: readonly string[]): string[] {
  const out: string[] = [];
  for (const f of files) {
    const abs = path.resolve(f);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      throw new AtqosError('usage', `report file ${f} does not exist`, { hint: 'check the path; shell globs that match nothing are passed through literally' });
    }
    if (st.isDirectory()) {
      // Regular files only: a FIFO would block the copy forever, a directory named x.xml would throw.
      const xml = fs.readdirSync(abs).filter((n) => n.toLowerCase().endsWith('.xml') && fs.statSync(path.join(abs, n)).isFile()).sort();
      if (!xml.length) throw new AtqosError('usage', `directory ${f} holds no .xml report files`, { hint: 'pass the report files themselves (a directory is read for .xml files only)' });
      out.push(...xml.map((n) => path.join(abs, n)));
    } else if (st.isFile()) out.push(abs);
    else throw new AtqosError('usage', `${f} is not a regular file (a pipe, socket or device cannot be ingested)`, { hint: 'write the report to a file first' });
  }
  if (!out.length) throw new AtqosError('usage', 'no report files given', { hint: 'atqos ingest --format junit FILE...' });
  return out;
}

/**
 * Normalizes reports produced elsewhere into a run, as if the tool had run here: the files are
 * copied into `raw/<format>/<n>-<name>` (the run dir keeps every input) and the format's plugin
 * normalizes them into the same findings and reports as `diagnose`.
 */
export async function ingestReports(opts: IngestOptions): Promise<RunOutcome> {
  const plugin = opts.registry.get(opts.format);
  if (!plugin?.ingest) {
    const formats = [...opts.registry.values()].filter((p) => p.ingest).map((p) => p.id);
    throw new AtqosError('usage', `unknown report format "${opts.format}"`, { hint: `supported: --format ${formats.join('|')}` });
  }
  const files = expandReportFiles(opts.files);
  return executeRun({
    repoDir: opts.repoDir,
    registry: opts.registry,
    command: 'ingest',
    lane: 'ingest',
    configPath: opts.configPath,
    signal: opts.signal,
    log: opts.log,
    plugins: (config) => [{ plugin, options: plugin.parseOptions(config.plugins[plugin.id]) }],
    prepare: (runDir) => {
      const dir = path.join(runDir, 'raw', plugin.id);
      fs.mkdirSync(dir, { recursive: true });
      files.forEach((f, i) => fs.copyFileSync(f, path.join(dir, `${i}-${path.basename(f)}`)));
    },
  });
}
