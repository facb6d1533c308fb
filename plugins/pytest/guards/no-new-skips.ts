import { capList, type Guard, type GuardInput } from '../../../src/guards/index.js';
import type { GuardVerdict } from '../../../src/core/index.js';
import { changedTexts, describeOccurrence, isPython, newOccurrences, type Occurrence } from './occurrences.js';
import { configSkips, PYTEST_CONFIG_FILES } from './skip-config.js';
import { pythonSkips } from './skip-calls.js';

const ID = 'no-new-skips';

const baseName = (path: string) => path.split('/').pop() ?? path;
const scanned = (path: string) => isPython(path) || PYTEST_CONFIG_FILES.has(baseName(path));

function skipsOf(path: string, text: string): Occurrence[] {
  return isPython(path) ? pythonSkips(path, text) : configSkips(path, text);
}

/** New skip/skipif/xfail markers, skip calls and test-dropping pytest options, file by file. */
export function addedSkips(input: GuardInput): Occurrence[] {
  return changedTexts(input, scanned).flatMap((f) => newOccurrences(skipsOf(f.path, f.before), skipsOf(f.path, f.after)));
}

/**
 * No new skip/xfail markers, skip calls or deselecting options (only quarantine tasks may add
 * them). A changed or moved marker counts as new: widening a `skipif` or moving a skip onto the
 * failing test is as much a skip as adding one.
 */
export const noNewSkipsGuard: Guard = {
  id: ID,
  description: 'no new skip/xfail markers, pytest.skip() calls or deselecting options (except quarantine tasks)',
  check(input: GuardInput): GuardVerdict {
    const added = addedSkips(input).map(describeOccurrence);
    if (added.length === 0) return { guard: ID, passed: true };
    if (input.task.type === 'quarantine') return { guard: ID, passed: true, evidence: `quarantine task; skips added:\n${capList(added)}` };
    return { guard: ID, passed: false, evidence: `a ${input.task.type} task may not skip, xfail or deselect tests:\n${capList(added)}` };
  },
};
