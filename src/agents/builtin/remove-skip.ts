import fs from 'node:fs/promises';
import type { AgentResult } from '../contract.js';
import type { Fixer } from './fixers.js';
import { parseNodeId } from './node-id.js';
import { unskipSource } from './unskip-source.js';
import { insideWorktree, readIfExists } from './worktree-file.js';

interface Tally {
  removed: string[];
  leftAlone: string[];
  problems: string[];
  files: Set<string>;
}

async function unskipNode(worktree: string, nodeId: string, tally: Tally, seen: Set<string>): Promise<void> {
  const address = parseNodeId(nodeId);
  if (!address) return void tally.problems.push(`${nodeId}: not a pytest node id (path::[Class::]test_name[param])`);
  const key = `${address.file}::${address.qualname.join('::')}`;
  // Several parametrized cases share one function: it is un-skipped once.
  if (seen.has(key)) return;
  seen.add(key);
  const file = insideWorktree(worktree, address.file);
  const source = await readIfExists(file);
  if (source === undefined) return void tally.problems.push(`${nodeId}: ${address.file} does not exist`);
  const edit = unskipSource(source, address.qualname);
  if (!edit) return void tally.problems.push(`${nodeId}: no function ${address.qualname.join('.')} in ${address.file}`);
  tally.removed.push(...edit.removed.map((r) => `${key}: removed \`${r}\``));
  tally.leftAlone.push(...edit.leftAlone.map((r) => `${key}: ${r}`));
  if (edit.source !== source) {
    await fs.writeFile(file, edit.source);
    tally.files.add(address.file);
  }
}

function resultOf(t: Tally): AgentResult {
  const filesChanged = [...t.files];
  const notes = [...t.removed, ...t.leftAlone, ...t.problems].join('\n');
  if (t.removed.length && !t.leftAlone.length && !t.problems.length) {
    return { status: 'fixed', summary: `removed ${t.removed.length} skip marker(s)`, filesChanged, notes };
  }
  if (t.removed.length || t.leftAlone.length) {
    const summary = t.removed.length ? `removed ${t.removed.length} skip marker(s); some skips were left alone` : 'the skip is not on the test function itself; left it alone';
    return { status: 'partial', summary, filesChanged, notes };
  }
  const why = t.problems.length ? t.problems.join('; ') : 'none of the target tests carries a skip, skipif or xfail marker or opens with pytest.skip()';
  return { status: 'gave_up', summary: `nothing to un-skip: ${why}`, filesChanged, notes };
}

/**
 * `remove_skip`: deletes the skip/skipif/xfail decorators on each target test function and a
 * `pytest.skip(...)` opening its body. Only lines of those statements go; every other byte stays.
 */
export const removeSkip: Fixer = async (request) => {
  const tally: Tally = { removed: [], leftAlone: [], problems: [], files: new Set() };
  const seen = new Set<string>();
  for (const nodeId of request.targets.nodeIds) await unskipNode(request.worktree, nodeId, tally, seen);
  if (request.targets.nodeIds.length === 0) tally.problems.push('the task names no test node ids');
  return resultOf(tally);
};
