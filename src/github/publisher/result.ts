import { describeError } from '../../core/index.js';
import { statusOf } from './request.js';

export type PublishKind = 'check_run' | 'issue' | 'pull_request' | 'dashboard' | 'branch' | 'label';
export type PublishActionName = 'created' | 'updated' | 'reopened' | 'closed' | 'unchanged' | 'skipped';

/** One object the Publisher touched, or in a dry run would have touched. */
export interface PublishAction {
  kind: PublishKind;
  /** What identifies the object in the plan: label name, check name, fingerprint, branch, `dashboard`. */
  key: string;
  action: PublishActionName;
  url?: string;
  number?: number;
  reason?: string;
  /** Set when nothing was written because the run was a dry run. */
  dryRun?: true;
}

/** One object that could not be published, and why. */
export interface PublishError {
  kind: PublishKind;
  key: string;
  message: string;
  /** The HTTP status of the failed request, when there was one. */
  status?: number;
}

/** What `publish` did: every object's outcome; `ok` is false when any object failed. */
export interface PublishResult {
  ok: boolean;
  dryRun: boolean;
  actions: PublishAction[];
  errors: PublishError[];
}

/** Collects outcomes while publishing; one failing object never stops the others. */
export class ResultLog {
  readonly actions: PublishAction[] = [];
  readonly errors: PublishError[] = [];

  constructor(readonly dryRun: boolean) {}

  add(action: PublishAction): PublishAction {
    const writes = action.action !== 'unchanged' && action.action !== 'skipped';
    const entry: PublishAction = this.dryRun && writes ? { ...action, dryRun: true, reason: action.reason ?? 'dry run' } : action;
    this.actions.push(entry);
    return entry;
  }

  fail(kind: PublishKind, key: string, err: unknown): void {
    const status = statusOf(err);
    this.errors.push({ kind, key, message: describeError(err), ...(status ? { status } : {}) });
  }

  result(): PublishResult {
    return { ok: this.errors.length === 0, dryRun: this.dryRun, actions: this.actions, errors: this.errors };
  }
}

/** Plain text for the CLI: one line per object, failures last, then a total. */
export function formatPublishResult(result: PublishResult): string {
  const lines = result.actions.map((a) => {
    const ref = a.number !== undefined ? ` #${a.number}` : '';
    const url = a.url ? ` ${a.url}` : '';
    const why = a.reason ? ` (${a.reason})` : '';
    return `${a.action.padEnd(9)} ${a.kind.padEnd(12)} ${a.key}${ref}${url}${why}`;
  });
  for (const e of result.errors) lines.push(`${'FAILED'.padEnd(9)} ${e.kind.padEnd(12)} ${e.key}: ${e.message.replace(/\n\s*/g, ' ')}`);
  const verdict = result.ok ? 'ok' : `${result.errors.length} failed`;
  lines.push(`${result.dryRun ? 'dry run: ' : ''}${result.actions.length} objects, ${verdict}`);
  return lines.join('\n');
}
