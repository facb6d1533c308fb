import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../config/index.js';
import { AtqosError } from '../../core/index.js';
import type { Run } from '../../core/index.js';
import { INDEX_DB, reconcileRuns, resolveRepo, stderrLogger } from '../../engine/index.js';
import { findingsForRun, getRun, listRuns, openStore, tasksForRun } from '../../store/index.js';
import { parseCommandArgs } from '../args.js';
import { RUNS_HELP } from '../help.js';
import { EXIT } from '../exit-codes.js';

function runLine(r: Run): string {
  const c = r.counts;
  const counts = c ? `${c.total} tests, ${c.failed} failed, ${c.errors} errors` : 'no counts';
  return `${r.id}  ${(r.conclusion ?? '-').padEnd(5)}  ${r.status.padEnd(11)}  ${r.command.padEnd(8)}  ${r.lane.padEnd(8)}  ${counts}, ${r.findingCount} findings`;
}

export async function runsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('runs', argv, {
    repo: { type: 'string' }, config: { type: 'string' }, json: { type: 'boolean' }, limit: { type: 'string' },
  }, true);
  const [sub, id] = positionals;
  if (values.help || (sub !== 'list' && sub !== 'show')) {
    process.stdout.write(RUNS_HELP);
    return values.help ? EXIT.green : EXIT.usage;
  }
  const repo = resolveRepo(values.repo ?? process.cwd());
  const { config } = loadConfig(repo, values.config);
  const runRoot = path.resolve(repo, config.runs.dir);
  reconcileRuns(runRoot, stderrLogger());
  if (!fs.existsSync(path.join(runRoot, INDEX_DB))) {
    if (sub === 'list') process.stdout.write(values.json ? '[]\n' : 'no runs recorded yet; run `atqos diagnose`\n');
    else throw new AtqosError('run_unknown', `no runs recorded in ${runRoot}`, { hint: 'run `atqos diagnose` first' });
    return EXIT.green;
  }
  const store = openStore(path.join(runRoot, INDEX_DB));
  try {
    if (sub === 'list') {
      const limit = values.limit === undefined ? 20 : Number(values.limit);
      if (!Number.isInteger(limit) || limit <= 0) throw new AtqosError('usage', `--limit must be a positive whole number, got "${values.limit}"`);
      const runs = listRuns(store, { limit });
      process.stdout.write(values.json ? `${JSON.stringify(runs, null, 2)}\n` : runs.map(runLine).join('\n') + (runs.length ? '\n' : 'no runs recorded yet\n'));
      return EXIT.green;
    }
    if (!id) throw new AtqosError('usage', 'atqos runs show needs a run id', { hint: '`atqos runs list` shows the ids; a unique prefix is enough' });
    const run = getRun(store, id);
    if (!run) throw new AtqosError('run_unknown', `no run matches "${id}"`, { hint: '`atqos runs list` shows the ids; a prefix must be unique' });
    const findings = findingsForRun(store, run.id);
    const tasks = tasksForRun(store, run.id);
    const runDir = path.join(runRoot, 'runs', run.id);
    if (values.json) process.stdout.write(`${JSON.stringify({ run, runDir, findings, tasks }, null, 2)}\n`);
    else {
      const summary = path.join(runDir, 'reports', 'summary.md');
      process.stdout.write(fs.existsSync(summary) ? fs.readFileSync(summary, 'utf8') : `${runLine(run)}\n`);
      process.stdout.write(`\nrun dir: ${runDir}\n`);
    }
    return EXIT.green;
  } finally {
    store.close();
  }
}
