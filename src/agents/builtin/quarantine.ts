import fs from 'node:fs/promises';
import type { Fixer } from './fixers.js';
import { quarantineText, renderMarker } from './quarantine-marker.js';
import { quarantineSource } from './quarantine-source.js';
import { targetTests } from './target-tests.js';

/**
 * `quarantine`: marks each target test with the configured marker (default: a non-strict xfail
 * naming the reason and the issue), so a flaky test stops failing runs but keeps running.
 * The reason comes from the task title; the issue is the title's URL, else a reference to the
 * task's finding that the Publisher turns into the finding's issue URL.
 */
export function quarantineFixer(template: string): Fixer {
  return async (request) => {
    const marker = renderMarker(template, quarantineText(request.title, request.findings ?? []));
    const added: string[] = [];
    const already: string[] = [];
    const problems: string[] = [];
    const files = new Set<string>();
    for await (const { nodeId, address, key, path, source } of targetTests(request, problems)) {
      const edit = source === undefined ? undefined : quarantineSource(source, address.qualname, marker);
      if (!edit) { problems.push(`${nodeId}: no function ${address.qualname.join('.')} in ${address.file}`); continue; }
      if (edit.status === 'already') { already.push(`${key}: already quarantined (\`${edit.marker}\`)`); continue; }
      await fs.writeFile(path, edit.source);
      files.add(address.file);
      added.push(`${key}${address.param ? ' (every parametrized case)' : ''}${edit.importAdded ? ', added `import pytest`' : ''}`);
    }
    const notes = [...added.map((a) => `quarantined ${a}`), ...already, ...problems].join('\n');
    const filesChanged = [...files];
    if (added.length === 0) return { status: 'gave_up', summary: already.length && !problems.length ? 'already quarantined' : `nothing quarantined: ${[...already, ...problems].join('; ')}`, filesChanged, notes };
    const status = problems.length ? 'partial' : 'fixed';
    return { status, summary: `quarantined ${added.length} test(s) with \`${marker}\``, filesChanged, notes };
  };
}
