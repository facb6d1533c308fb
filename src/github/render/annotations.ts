import type { Finding } from '../../core/index.js';
import type { Annotation } from '../publish-plan.js';
import { isFailing } from './context.js';
import { cut, oneLine, repoPath, untrusted } from './markdown.js';

// GitHub allows 64 KB per annotation field; ours stay far smaller so a run with thousands of
// findings still makes a plan the Publisher can send in reasonable time.
const MESSAGE_MAX = 2_000;
const RAW_DETAILS_MAX = 4_000;

/** The annotation for a finding with a file (line 1 when the line is unknown), else undefined. */
export function annotationFor(f: Finding, reportUrl?: string): Annotation | undefined {
  const path = repoPath(f.scope.file);
  if (!path) return undefined;
  const line = f.scope.line ?? 1;
  const message = [f.evidence.assertionMessage, f.evidence.excerpt, f.message, f.title, f.kind]
    .map((t) => untrusted(t ?? '').trim())
    .find((t) => t.length > 0) as string;
  const excerpt = untrusted(f.evidence.excerpt ?? '').trim();
  const title = oneLine(f.title, 255);
  return {
    path,
    start_line: line,
    end_line: line,
    annotation_level: isFailing(f) ? 'failure' : 'warning',
    ...(title ? { title } : {}),
    message: cut(message, MESSAGE_MAX, reportUrl),
    ...(excerpt && excerpt !== message ? { raw_details: cut(excerpt, RAW_DETAILS_MAX, reportUrl) } : {}),
  };
}

/** Annotations for `findings` (already in severity order), at most `max` of them. */
export function annotationsFor(findings: readonly Finding[], max: number, reportUrl?: string): { annotations: Annotation[]; left: number } {
  const annotations: Annotation[] = [];
  let left = 0;
  for (const f of findings) {
    if (annotations.length >= max) {
      if (repoPath(f.scope.file)) left += 1;
      continue;
    }
    const a = annotationFor(f, reportUrl);
    if (a) annotations.push(a);
  }
  return { annotations, left };
}
