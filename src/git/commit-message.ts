import { AtqosError } from '../core/index.js';
import { scrubText } from '../secrets/index.js';

export interface CommitMessage {
  /** One line; untrusted (test names), so newlines and control characters are flattened. */
  subject: string;
  body?: string;
  /** e.g. `ATQOS-Run`, `ATQOS-Task`, `ATQOS-Finding`, `ATQOS-Agent`, `ATQOS-Attempt`. */
  trailers: Readonly<Record<string, string>>;
}

const MAX_SUBJECT = 200;
// Control characters other than tab and newline would garble `git log` output and terminals.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/**
 * The full message: subject, blank line, body, blank line, one trailer block. Trailers always
 * form the last paragraph, so text in the body cannot pose as a trailer.
 */
export function composeCommitMessage(msg: CommitMessage): string {
  const entries = Object.entries(msg.trailers);
  if (entries.length === 0) {
    throw new AtqosError('git_bad_trailer', 'a commit by ATQOS needs trailers (ATQOS-Run, ATQOS-Task, …)', { hint: 'pass the attempt trailers' });
  }
  const trailers = entries.map(([key, value]) => `${checkKey(key)}: ${checkValue(key, value)}`);
  const subject = msg.subject.replace(/[\r\n\t]+/g, ' ').replace(CONTROL, '').trim().slice(0, MAX_SUBJECT) || 'ATQOS attempt';
  const body = (msg.body ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, '')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
  // The body quotes the agent's summary: a commit outlives the run, so no secret may enter it.
  return scrubText([subject, ...(body ? [body] : []), trailers.join('\n')].join('\n\n') + '\n');
}

function checkKey(key: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/.test(key)) {
    throw new AtqosError('git_bad_trailer', `trailer key '${key.slice(0, 80)}' must be letters, digits and '-'`, { hint: 'use keys like ATQOS-Task' });
  }
  return key;
}

function checkValue(key: string, value: string): string {
  const trimmed = value.trim();
  if (trimmed === '' || /[\r\n\0]/.test(trimmed) || trimmed.length > 500) {
    throw new AtqosError('git_bad_trailer', `trailer '${key}' needs a one-line, non-empty value of at most 500 characters`, {
      hint: 'pass ids (run, task, finding, agent, attempt), not free text',
    });
  }
  return trimmed;
}

/** Parses `%(trailers:only,unfold,separator=%x00)` output into key → value (the last one wins). */
export function parseTrailerLines(out: string): Record<string, string> {
  const trailers: Record<string, string> = {};
  for (const line of out.replace(/\n$/, '').split('\0')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    trailers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return trailers;
}
