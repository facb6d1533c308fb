import { AgentResult } from '../contract.js';

export type Extracted = { ok: true; result: AgentResult } | { ok: false; reason: string };

const FENCED_JSON = /```(?:json)?[ \t]*\n([\s\S]*?)\n[ \t]*```/g;

/**
 * The AgentResult at the end of an agent's final message: the whole text as JSON, else the last
 * fenced json block, else the last line that is a JSON object. Agents wrap the line they were
 * asked for in prose or fences, so all three are accepted; the schema still decides.
 */
export function extractResult(text: string): Extracted {
  const candidates = [text.trim(), lastFenced(text), lastJsonLine(text)].filter((c): c is string => !!c);
  let invalid: string | undefined;
  for (const candidate of candidates) {
    const json = tryJson(candidate);
    if (json === undefined) continue;
    const parsed = AgentResult.safeParse(json);
    if (parsed.success) return { ok: true, result: parsed.data };
    invalid ??= parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  }
  if (invalid) return { ok: false, reason: `its final message ends with JSON that is not a valid result (${invalid})` };
  return { ok: false, reason: 'its final message holds no result JSON' };
}

function lastFenced(text: string): string | undefined {
  return [...text.matchAll(FENCED_JSON)].at(-1)?.[1]?.trim();
}

function lastJsonLine(text: string): string | undefined {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.startsWith('{') && l.endsWith('}'))
    .at(-1);
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
