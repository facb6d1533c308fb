import type { CtrfTest } from './schema.js';

/** The suite path of a test: CTRF 0.0's list, or an older producer's one string. */
export function suitePath(t: Pick<CtrfTest, 'suite'>): string[] {
  if (t.suite === undefined) return [];
  return (typeof t.suite === 'string' ? [t.suite] : t.suite).map((s) => s.trim()).filter(Boolean);
}

/**
 * The test id ATQOS uses: `suite > … > name`, or the name alone when there is no suite or the
 * name already starts with it (jest's full names do). ATQOS's own ctrf.json has no suite and
 * names each test by its node id, so ingesting it gives back the original node ids.
 */
export function ctrfNodeId(t: Pick<CtrfTest, 'name' | 'suite'>): string {
  const prefix = suitePath(t).join(' > ');
  return prefix && !t.name.startsWith(prefix) ? `${prefix} > ${t.name}` : t.name;
}
