import fs from 'node:fs/promises';
import { deleteTestSource } from './delete-source.js';
import type { Fixer } from './fixers.js';
import { targetTests } from './target-tests.js';

/**
 * `delete_test`: removes each target test function (decorators, def and body) from its file and
 * changes nothing else. A parametrized case deletes the whole function: its cases are one test.
 * The engine plans this only for tests ATQOS quarantined long ago that are still obsolete; the
 * guards check that exactly the targets disappeared.
 */
export const deleteTest: Fixer = async (request) => {
  const deleted: string[] = [];
  const problems: string[] = [];
  const files = new Set<string>();
  for await (const { nodeId, address, key, path, source } of targetTests(request, problems)) {
    const edit = source === undefined ? undefined : deleteTestSource(source, address.qualname);
    if (!edit) { problems.push(`${nodeId}: no function ${address.qualname.join('.')} in ${address.file} (already deleted?)`); continue; }
    if (edit.status === 'refused') { problems.push(`${nodeId}: ${edit.why}`); continue; }
    await fs.writeFile(path, edit.source);
    files.add(address.file);
    deleted.push(`deleted ${key} (lines ${edit.lines.start}-${edit.lines.end})`);
  }
  const notes = [...deleted, ...problems].join('\n');
  const filesChanged = [...files];
  if (deleted.length === 0) return { status: 'gave_up', summary: `nothing deleted: ${problems.join('; ')}`, filesChanged, notes };
  return { status: problems.length ? 'partial' : 'fixed', summary: `deleted ${deleted.length} obsolete test(s)`, filesChanged, notes };
};
