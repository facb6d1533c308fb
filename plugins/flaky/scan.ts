import fs from 'node:fs';
import path from 'node:path';
import type { CollectContext } from '../../src/plugin/contract.js';
import type { ExecResult } from '../../src/runner/types.js';
import { parseNodeId } from '../../src/agents/builtin/node-id.js';
import { QUARANTINE_TAG } from '../../src/agents/builtin/quarantine-tag.js';
import { scanHelperPath } from './helper.js';
import { RAW, ScanReport, readRaw } from './raw-files.js';
import type { FlakyOptions } from './schema.js';

/**
 * Runs the static helper over the given tests (their functions and same-module callees) and over
 * the repo's test files for ATQOS quarantine markers (decorators carrying `QUARANTINE_TAG`, whatever
 * template wrote them). Writes `raw/flaky/scan.json`.
 */
export async function runScan(ctx: CollectContext, options: FlakyOptions, nodeIds: readonly string[]): Promise<{ exec: ExecResult; report: ScanReport | undefined; notes: string[] }> {
  const abs = (file: string) => path.join(ctx.runDir, ctx.rawDir, file);
  const tests = nodeIds.flatMap((nodeId) => {
    const address = parseNodeId(nodeId);
    return address ? [{ nodeId, file: address.file, qualname: address.qualname }] : [];
  });
  fs.writeFileSync(abs(RAW.scanRequest), JSON.stringify({ tests, quarantineTag: QUARANTINE_TAG }));
  const exec = await ctx.exec('scan', {
    argv: [options.python, scanHelperPath(), abs(RAW.scanRequest), abs(RAW.scan)],
    cwd: '.',
    env: { PYTHONDONTWRITEBYTECODE: '1' },
    timeoutMs: Math.round(options.timeoutSec * 1000),
  });
  const notes: string[] = [];
  const text = exec.exitCode === 0 && fs.existsSync(abs(RAW.scan)) ? fs.readFileSync(abs(RAW.scan), 'utf8') : undefined;
  if (text === undefined) notes.push(`the static scan helper failed (exit ${exec.exitCode ?? exec.signal ?? 'none'}); see raw/flaky/scan.stderr`);
  return { exec, report: readRaw(ScanReport, text, RAW.scan, notes), notes };
}
