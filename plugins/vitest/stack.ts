import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRelative } from '../../src/core/index.js';

export interface Frame {
  /** Repo-relative posix path. */
  file: string;
  line: number;
}

export interface ParsedFailure {
  /** The error text before its stack frames (message and diff). */
  message: string;
  /** `AssertionError`, `TypeError`…, when the message starts with one. */
  excType: string | undefined;
  /** Stack frames inside the repo (not node_modules), innermost first. */
  frames: Frame[];
  /** The stack lines, for evidence. */
  stack: string;
}

const FRAME = /^\s+at (?:.*? \()?(.+?):(\d+):\d+\)?$/;

function framePath(raw: string): string {
  if (!raw.startsWith('file://')) return raw;
  try {
    return fileURLToPath(raw);
  } catch {
    return raw;
  }
}

/** Splits one of vitest's `failureMessages` (`Error: msg\n    at file:1:2`) into its parts. */
export function parseFailure(text: string, repoDir: string): ParsedFailure {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const firstFrame = lines.findIndex((l) => FRAME.test(l));
  const head = firstFrame === -1 ? lines : lines.slice(0, firstFrame);
  const stackLines = firstFrame === -1 ? [] : lines.slice(firstFrame);
  const frames = stackLines.flatMap((l) => {
    const m = FRAME.exec(l);
    const where = m ? framePath(m[1]!) : '';
    // `node:internal/…` and `<anonymous>` are not files; repoRelative would take them as relative.
    const file = path.isAbsolute(where) ? repoRelative(where, repoDir) : undefined;
    return file && !file.startsWith('node_modules/') && !file.includes('/node_modules/') ? [{ file, line: Number(m![2]) }] : [];
  });
  const message = head.join('\n').trim();
  const excType = /^(\w*(?:Error|Exception))\b/.exec(message)?.[1];
  return { message, excType, frames, stack: stackLines.join('\n') };
}
