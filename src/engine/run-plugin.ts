import fs from 'node:fs';
import path from 'node:path';
import { Finding, TestResult, describeError } from '../core/index.js';
import type { ChangeSet, CollectResult, EarlierResult, LaneContext, Logger, NormalizeOutput } from '../plugin/contract.js';
import type { ToolOutcome } from '../reports/index.js';
import { createCollectContext } from './collect-context.js';
import type { SelectedPlugin } from './resolve-plugins.js';
import { toolErrorFinding } from './tool-error.js';
import { scrubRawArtifacts } from './scrub-artifacts.js';
import { REPORT_NAME } from './plugin-reports.js';

export interface PluginRunInput {
  selected: SelectedPlugin;
  repoDir: string;
  runDir: string;
  runStartedAtMs: number;
  env: Readonly<Record<string, string>>;
  maxOutputBytes: number;
  signal: AbortSignal;
  log: Logger;
  lane: LaneContext;
  earlier: readonly EarlierResult[];
  changes: ChangeSet | undefined;
  indexPath: string;
  /** Where earlier run dirs are (a checkpoint's run dir is not among them). */
  runsDir: string;
}

export interface PluginRun {
  collect: CollectResult | undefined;
  output: NormalizeOutput;
  outcome: ToolOutcome;
}

function failedOutput(id: string, stage: string, err: unknown, roots: string[]): NormalizeOutput {
  const msg = `${id} ${stage} crashed: ${describeError(err)}`;
  const stack = err instanceof Error ? err.stack : undefined;
  return {
    findings: [toolErrorFinding(id, stage, msg, { excerpt: stack, roots })],
    tests: [],
    counts: undefined,
    trustworthy: false,
    notes: [`${stage} crashed: ${describeError(err)} — this is a bug in the ${id} plugin or ATQOS; the raw output is kept in raw/${id}/`],
  };
}

/** Drops records a plugin produced that do not match the models, instead of trusting them. */
function validated(id: string, out: NormalizeOutput): NormalizeOutput {
  const findings = out.findings.flatMap((f) => {
    const r = Finding.safeParse(f);
    return r.success ? [r.data] : [];
  });
  const tests = out.tests.flatMap((t) => {
    const r = TestResult.safeParse(t);
    return r.success ? [r.data] : [];
  });
  const badReports = Object.keys(out.reports ?? {}).filter((n) => !REPORT_NAME.test(n));
  if (badReports.length) {
    const reports = Object.fromEntries(Object.entries(out.reports ?? {}).filter(([n]) => REPORT_NAME.test(n)));
    out = { ...out, reports, notes: [...out.notes, `${id}: ignored report name(s) ${badReports.map((n) => JSON.stringify(n)).join(', ')} — report names must be plain .json file names`] };
  }
  const dropped = out.findings.length - findings.length + out.tests.length - tests.length;
  // A dropped record may be the only failure: without it the run could look green, so it is not trusted.
  return dropped === 0 ? out : { ...out, findings, tests, trustworthy: false, notes: [...out.notes, `${id}: dropped ${dropped} malformed record(s) — a bug in the plugin; the run is not trusted`] };
}

/** Collect then normalize one plugin. Whatever the plugin or its tool does, this returns data. */
export async function runPlugin(input: PluginRunInput): Promise<PluginRun> {
  const { plugin, options } = input.selected;
  const roots = [input.runDir, input.repoDir];
  const started = Date.now();
  let collect: CollectResult | undefined;
  let output: NormalizeOutput;
  try {
    const { changes, ...rest } = input;
    const ctx = createCollectContext({ ...rest, ...(changes ? { changes } : {}), pluginId: plugin.id, options });
    collect = await scrubRawArtifacts(input.runDir, await plugin.collect(ctx));
  } catch (err) {
    input.log.warn({ plugin: plugin.id, error: describeError(err) }, 'collect crashed');
    output = failedOutput(plugin.id, 'collect', err, roots);
  }
  if (collect) {
    const byName = new Map(collect.artifacts.map((a) => [a.name, a]));
    const read = (name: string): string | undefined => {
      const a = byName.get(name);
      if (!a?.exists) return undefined;
      try {
        return fs.readFileSync(path.join(input.runDir, a.path), 'utf8');
      } catch {
        return undefined;
      }
    };
    try {
      output = validated(plugin.id, plugin.normalize({ collect, read, repoDir: input.repoDir, runDir: input.runDir, runStartedAtMs: input.runStartedAtMs, options }));
    } catch (err) {
      input.log.warn({ plugin: plugin.id, error: describeError(err) }, 'normalize crashed');
      output = failedOutput(plugin.id, 'normalize', err, roots);
    }
  }
  const out = output!;
  return {
    collect,
    output: out,
    outcome: {
      plugin: plugin.id,
      trustworthy: out.trustworthy,
      ...(out.audit ? { audit: true } : {}),
      exitCode: collect?.exec?.exitCode ?? null,
      durationMs: Date.now() - started,
      counts: out.counts,
      notes: out.notes,
      artifacts: (collect?.artifacts ?? []).filter((a) => a.exists).map((a) => a.path),
    },
  };
}
