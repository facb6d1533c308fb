import { open } from 'node:fs/promises';
import { AgentResult } from '../contract.js';

/** Bytes read from the end of agent.stdout: a result line is at most ~45 kB of JSON, escapes aside. */
const TAIL_BYTES = 256 * 1024;

export type ParsedResult = { ok: true; result: AgentResult } | { ok: false; reason: string };

export const NO_RESULT = 'the agent printed no result JSON on its last line; see agent.stdout';

/** Parses the last non-empty line of the agent's stdout file as an AgentResult. */
export async function parseResultFile(stdoutPath: string): Promise<ParsedResult> {
  return parseResultLine(lastLine(await readTail(stdoutPath)));
}

export function parseResultLine(line: string | undefined): ParsedResult {
  if (line === undefined) return { ok: false, reason: `${NO_RESULT} (stdout was empty)` };
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { ok: false, reason: NO_RESULT };
  }
  const parsed = AgentResult.safeParse(json);
  if (parsed.success) return { ok: true, result: parsed.data };
  const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  return { ok: false, reason: `the agent's last stdout line is JSON but not a valid result (${issues.join('; ')}); see agent.stdout` };
}

function lastLine(text: string): string | undefined {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  return lines.at(-1)?.trim();
}

async function readTail(file: string): Promise<string> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return '';
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, TAIL_BYTES);
    const buf = Buffer.alloc(length);
    await handle.read(buf, 0, length, size - length);
    return buf.toString('utf8');
  } finally {
    await handle.close();
  }
}
