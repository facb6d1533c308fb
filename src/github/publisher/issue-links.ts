import type { FileChange, PullRequestPlan } from '../publish-plan.js';

export interface LinkedIssues {
  /** The plan's files with each known issue URL in place of its finding reference. */
  files: FileChange[];
  /** What was linked, and what could not be, for the PR body. */
  lines: string[];
}

const LINE_END = /\r?\n/;

/** Replaces the token in line `n` (1-based) of `text`, and only there; undefined when that line lacks it. */
function replaceInLine(text: string, n: number, token: string, url: string): string | undefined {
  const parts = text.split(/(\r?\n)/);
  const i = (n - 1) * 2;
  const line = parts[i];
  if (line === undefined || !line.includes(token) || LINE_END.test(line)) return undefined;
  parts[i] = line.replace(token, () => url);
  return parts.join('');
}

/**
 * The fix files with each finding reference the fix added (`plan.issueLinks`) replaced by that
 * finding's issue URL, and a sentence per link for the PR body. Only the planned line is touched,
 * and only the token in it; a link whose issue is unknown (not created, a dry run) or whose line
 * no longer holds the token keeps the reference and says so. Pure.
 */
export function linkIssues(plan: Pick<PullRequestPlan, 'files' | 'issueLinks'>, urls: ReadonlyMap<string, string>, numbers: ReadonlyMap<string, number>): LinkedIssues {
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
      lines.push(`The quarantine marker at ${where} still reads \`${link.token}\`: ${url === undefined ? 'the finding has no issue yet' : 'that line no longer holds the reference'}.`);
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
