import fs from 'node:fs';
import path from 'node:path';
import type { CollectContext } from '../../../src/plugin/contract.js';
import { inventoryPluginDir } from '../collect.js';
import { CodeUnits } from './code-units.js';

const HELPER = 'atqos_code_units.py';

/**
 * Runs python/atqos_code_units.py (stdlib `ast`, never importing the code) on these sources,
 * keyed as given. The request goes through a file in the raw dir: sources can be large.
 */
export async function readCodeUnits(ctx: CollectContext, python: string, sources: Record<string, string>, docstringsAreCode: boolean): Promise<{ units: CodeUnits } | { error: string }> {
  if (Object.keys(sources).length === 0) return { units: {} };
  const request = path.join(ctx.runDir, ctx.rawDir, 'impact-units.request.json');
  fs.writeFileSync(request, JSON.stringify({ docstringsAreCode, files: sources }));
  const r = await ctx.exec('impact-units', { argv: [python, path.join(inventoryPluginDir(), HELPER), request], cwd: '.', env: { PYTHONDONTWRITEBYTECODE: '1' }, timeoutMs: 120_000 });
  if (r.exitCode !== 0 || r.stdoutTruncated > 0) return { error: `the code-units helper failed (exit ${r.exitCode ?? r.signal ?? 'none'}${r.error ? `: ${r.error}` : ''}); see ${ctx.rawDir}/impact-units.stderr` };
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(r.stdoutPath, 'utf8'));
  } catch (err) {
    return { error: `the code-units helper printed no JSON (${(err as Error).message})` };
  }
  const parsed = CodeUnits.safeParse(json);
  return parsed.success ? { units: parsed.data } : { error: `the code-units helper printed an unexpected shape (${parsed.error.issues[0]?.message})` };
}
