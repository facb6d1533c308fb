import type { Finding } from '../../core/index.js';
import type { IssuePlan } from '../publish-plan.js';
import type { PlanContext } from './context.js';
import { fillLabels, sortFindings } from './context.js';
import { findingMarker } from './markers.js';
import { cell, code, codeBlock, cut, GITHUB_TEXT_LIMIT, link, oneLine, permalink, repoPath } from './markdown.js';

const MESSAGE_MAX = 8_000;
const EXCERPT_MAX = 30_000;
const SOURCE_FILES_MAX = 20;

/** One issue per finding of this run (open) and per finding gone (closed, when the run is trusted). */
export function renderIssues(ctx: PlanContext): IssuePlan[] {
  const open = ctx.findings.map((f) => renderIssue(ctx, f, 'open'));
  if (!ctx.trusted) return open;
  const current = new Set(ctx.findings.map((f) => f.fingerprint));
  const gone = sortFindings(ctx.input.gone).filter((f) => !current.has(f.fingerprint));
  return [...open, ...gone.map((f) => renderIssue(ctx, f, 'closed'))];
}

function renderIssue(ctx: PlanContext, f: Finding, state: IssuePlan['state']): IssuePlan {
  const { run } = ctx.input;
  const at = `run ${code(run.id, 80)} (lane ${code(run.lane, 40)}) at \`${ctx.sha.slice(0, 12)}\``;
  const comment = state === 'open'
    ? { reopenComment: `Seen again in ${at}; reopened by ATQOS.` }
    : { closeComment: `No longer seen in ${at}; closed by ATQOS. It is reopened if the finding comes back.` };
  return {
    fingerprint: f.fingerprint,
    state,
    title: oneLine(`[ATQOS] ${f.title.trim() || `${f.kind} in ${f.scope.nodeId ?? f.scope.file ?? f.tool}`}`, 256),
    body: cut(issueBody(ctx, f), GITHUB_TEXT_LIMIT, ctx.input.reportUrl),
    labels: fillLabels(ctx.labels.issue, { kind: f.kind, severity: f.severity, tool: f.tool }),
    kind: f.kind,
    severity: f.severity,
    ...comment,
  };
}

/** The body: marker first, then the facts table, the evidence, the source links and a footer. */
export function issueBody(ctx: PlanContext, f: Finding): string {
  const { reportUrl, run, firstSeen } = ctx.input;
  const lines = [findingMarker(f.fingerprint), '', `**${cell(f.title || f.kind, 200)}**`, '', '| | |', '|---|---|', ...factRows(ctx, f)];
  if (firstSeen?.[f.fingerprint]) lines.push(`| first seen | run ${code(firstSeen[f.fingerprint] as string, 80)} |`);
  lines.push('');
  const message = f.evidence.assertionMessage ?? f.message;
  if (message.trim()) lines.push('### Message', '', codeBlock(message, MESSAGE_MAX, reportUrl), '');
  if (f.evidence.excerpt?.trim()) lines.push('### Excerpt', '', codeBlock(f.evidence.excerpt, EXCERPT_MAX, reportUrl), '');
  lines.push(...sourceFiles(ctx, f));
  lines.push(...diagnosisSection(f, reportUrl));
  lines.push(...skipVerdictSection(f, reportUrl));
  lines.push('---', `<sub>Filed by ATQOS from run ${code(run.id, 80)}${reportUrl ? ` · [full report](${reportUrl})` : ''}. ATQOS updates this issue; edits above this line may be overwritten.</sub>`, '');
  return lines.join('\n');
}

function factRows(ctx: PlanContext, f: Finding): string[] {
  const rows: [string, string][] = [['kind', f.kind], ['severity', f.severity], ['category', f.category], ['tool', cell(f.tool, 60)]];
  if (f.scope.nodeId) rows.push(['test id', cell(f.scope.nodeId, 300)]);
  const path = repoPath(f.scope.file);
  if (path) rows.push(['location', link(`${path}${f.scope.line ? `:${f.scope.line}` : ''}`, permalink(ctx.input.repo, ctx.sha, path, f.scope.line), 200)]);
  if (f.evidence.exceptionType) rows.push(['exception', cell(f.evidence.exceptionType, 120)]);
  rows.push(['fingerprint', `\`${f.fingerprint}\``]);
  return rows.map(([k, v]) => `| ${k} | ${v} |`);
}

function sourceFiles(ctx: PlanContext, f: Finding): string[] {
  const files = [...new Set(f.evidence.sourceFiles.map(repoPath).filter((p): p is string => p !== undefined))];
  if (files.length === 0) return [];
  const items = files.slice(0, SOURCE_FILES_MAX).map((p) => `- ${link(p, permalink(ctx.input.repo, ctx.sha, p), 200)}`);
  const more = files.length > SOURCE_FILES_MAX ? [`- …and ${files.length - SOURCE_FILES_MAX} more`] : [];
  return ['### Source files', '', ...items, ...more, ''];
}

/** An agent's read-only diagnosis (agents.diagnose), labelled as advice, its text as untrusted data. */
function diagnosisSection(f: Finding, reportUrl: string | undefined): string[] {
  const d = f.evidence.details?.diagnosis as { agent?: unknown; rootCause?: unknown; confidence?: unknown; suggestedFix?: unknown } | undefined;
  if (!d || typeof d !== 'object' || typeof d.rootCause !== 'string') return [];
  const confidence = typeof d.confidence === 'number' ? ` (confidence ${Math.round(d.confidence * 100)}%)` : '';
  const text = `Likely root cause: ${d.rootCause}${typeof d.suggestedFix === 'string' ? `\nSuggested fix: ${d.suggestedFix}` : ''}`;
  return [`### Diagnosis by ${code(String(d.agent ?? 'an agent'), 40)}${confidence} — advice, not verified`, '', codeBlock(text, EXCERPT_MAX, reportUrl), ''];
}

const VERDICT_WORDS: Record<string, string> = { holds: 'the reason still holds', no_longer_holds: 'the reason no longer holds', unknown: 'cannot tell whether the reason holds' };

/** An agent's read-only verdict on a skip's stated reason (agents.diagnose.skips): advice, never acted on. */
function skipVerdictSection(f: Finding, reportUrl: string | undefined): string[] {
  const v = f.evidence.details?.skipReasonVerdict as { agent?: unknown; reason?: unknown; verdict?: unknown; evidence?: unknown; confidence?: unknown } | undefined;
  if (!v || typeof v !== 'object' || typeof v.verdict !== 'string' || !(v.verdict in VERDICT_WORDS)) return [];
  const confidence = typeof v.confidence === 'number' ? ` (confidence ${Math.round(v.confidence * 100)}%)` : '';
  const text = [`The skip says: ${String(v.reason ?? '')}`, `Verdict: ${v.verdict}`, `Evidence: ${String(v.evidence ?? '')}`].join('\n');
  return [
    `### Skip reason check by ${code(String(v.agent ?? 'an agent'), 40)}: ${VERDICT_WORDS[v.verdict]}${confidence} — advice, not verified`,
    '',
    'ATQOS takes no action on this verdict: the skip is kept or removed only on the audit\'s own evidence.',
    '',
    codeBlock(text, EXCERPT_MAX, reportUrl),
    '',
  ];
}
