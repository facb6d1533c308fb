import type { RepoRef } from '../publish-plan.js';
import type { GitHubApi } from './request.js';
import { errorCodesOf, statusOf } from './request.js';
import type { ResultLog } from './result.js';
import { GhLabel, parseResponse } from './shapes.js';

/** Every issue and PR the Publisher makes carries this label; it is how they are found again. */
export const ATQOS_LABEL = 'atqos';

const COLORS: Record<string, string> = { [ATQOS_LABEL]: '5319e7' };
const PALETTE = ['0e8a16', 'd93f0b', 'fbca04', '1d76db', 'b60205', '006b75', 'c5def5', 'bfdadc'];

/** A stable colour per label name, so reruns never repaint. */
export function labelColor(name: string): string {
  if (COLORS[name]) return COLORS[name];
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE[h % PALETTE.length] ?? '5319e7';
}

/** Creates the labels that do not exist yet (one listing, then a POST per missing label). */
export async function ensureLabels(api: GitHubApi, repo: RepoRef, names: Iterable<string>, log: ResultLog): Promise<void> {
  const wanted = [...new Set(names)];
  if (wanted.length === 0) return;
  let existing: Set<string>;
  try {
    const list = await api.paginate('GET /repos/{owner}/{repo}/labels', { ...repo });
    existing = new Set(list.map((l) => parseResponse(GhLabel, l, 'listing labels').name.toLowerCase()));
  } catch (err) {
    for (const name of wanted) log.fail('label', name, err);
    return;
  }
  for (const name of wanted) {
    if (existing.has(name.toLowerCase())) {
      log.add({ kind: 'label', key: name, action: 'unchanged' });
      continue;
    }
    if (api.dryRun) {
      log.add({ kind: 'label', key: name, action: 'created' });
      continue;
    }
    try {
      await api.write('POST /repos/{owner}/{repo}/labels', { ...repo, name, color: labelColor(name) });
      log.add({ kind: 'label', key: name, action: 'created' });
    } catch (err) {
      // Created by someone else since the listing: what we wanted exists.
      if (statusOf(err) === 422 && errorCodesOf(err).includes('already_exists')) {
        log.add({ kind: 'label', key: name, action: 'unchanged', reason: 'already exists' });
      } else log.fail('label', name, err);
    }
  }
}
