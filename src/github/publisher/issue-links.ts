import { isAtqosQuarantine } from '../../agents/builtin/quarantine-tag.js';
import type { FileChange, PullRequestPlan } from '../publish-plan.js';

export interface LinkedIssues {
  /** The plan's files with each known issue URL in place of its finding reference. */
  files: FileChange[];
  /** What was linked, and what could not be, for the PR body. */
  lines: string[];
}

const LINE_END = /\r?\n/;

/** Only a quarantine PR's marker lines are linked: the plan comes from the runner, where agents and test code ran. */
const QUARANTINE_BRANCH = /^atqos\/quarantine\//;

/**
 * Replaces the token in line `n` (1-based) of `text`, and only there; undefined when that line
 * lacks it or is no ATQOS quarantine marker.
 */
function replaceInLine(text: string, n: number, token: string, url: string): string | undefined {
  const parts = text.split(/(\r?\n)/);
  const i = (n - 1) * 2;
  const line = parts[i];
  if (line === undefined || !line.includes(token) || !isAtqosQuarantine(line) || LINE_END.test(line)) return undefined;
  parts[i] = line.replace(token, () => url);
  return parts.join('');
}

/**
 * The fix files with each finding reference the fix added (`plan.issueLinks`) replaced by that
 * finding's issue URL, and a sentence per link for the PR body. Only a quarantine PR's planned
 * line is touched, only when it is an ATQOS quarantine marker, and only the token in it; a link
 * whose issue is unknown (not created, a dry run) or whose line is no marker holding the token
 * keeps the reference and says so. Pure.
 */
export function linkIssues(plan: Pick<PullRequestPlan, 'branch' | 'files' | 'issueLinks'>, urls: ReadonlyMap<string, string>, numbers: ReadonlyMap<string, number>): LinkedIssues {
  if (!QUARANTINE_BRANCH.test(plan.branch)) {
    return { files: plan.files, lines: plan.issueLinks?.length ? ['Finding references in this fix are left as they are: only a quarantine\'s marker lines link the finding\'s issue.'] : [] };
  }
  const content = new Map(plan.files.flatMap((f) => (f.action === 'write' ? [[f.path, Buffer.from(f.contentBase64, 'base64').toString('utf8')] as const] : [])));
  // Only files with a link are re-encoded: any other file (a binary one) goes out byte for byte.
  const changed = new Set<string>();
  const lines: string[] = [];
  for (const link of plan.issueLinks ?? []) {
    const where = `\`${link.path}\` line ${link.line}`;
    const url = urls.get(link.fingerprint);
    const text = content.get(link.path);
    const linked = url === undefined || text === undefined ? undefined : replaceInLine(text, link.line, link.token, url);
    if (linked === undefined || url === undefined) {
      lines.push(`The quarantine marker at ${where} still reads \`${link.token}\`: ${url === undefined ? 'the finding has no issue yet' : 'that line is not a quarantine marker holding the reference'}.`);
      continue;
    }
    content.set(link.path, linked);
    changed.add(link.path);
    const n = numbers.get(link.fingerprint);
    lines.push(`The quarantine marker at ${where} links the finding's issue${n === undefined ? '' : ` #${n}`}: ${url}`);
  }
  const files = plan.files.map((f): FileChange => {
    const text = f.action === 'write' && changed.has(f.path) ? content.get(f.path) : undefined;
    return f.action === 'write' && text !== undefined ? { ...f, contentBase64: Buffer.from(text, 'utf8').toString('base64') } : f;
  });
  return { files, lines };
}
