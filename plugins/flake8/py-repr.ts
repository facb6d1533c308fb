/** The one-character escapes of Python's `repr()` of a str. */
const SIMPLE: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', n: '\n', r: '\r', t: '\t' };
/** `\xNN`, `\uNNNN`, `\UNNNNNNNN`: how many hex digits follow. */
const HEX: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * Decodes the `repr()` of a Python str (`'a\tb'`, `"it's"`), as flake8's `%(path)r` and
 * `%(text)r` print it. Undefined for anything that is not exactly one such literal. Lone
 * surrogates (`\udc80`: a file name that is not valid UTF-8) are kept as they are.
 */
export function parsePyStr(literal: string): string | undefined {
  const quote = literal[0];
  if ((quote !== "'" && quote !== '"') || literal.length < 2 || literal.at(-1) !== quote) return undefined;
  const end = literal.length - 1;
  let out = '';
  for (let i = 1; i < end; i++) {
    const c = literal[i] as string;
    if (c === quote) return undefined;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = literal[++i];
    if (e === undefined || i >= end) return undefined;
    const simple = SIMPLE[e];
    if (simple !== undefined) {
      out += simple;
      continue;
    }
    const digits = HEX[e];
    const hex = digits ? literal.slice(i + 1, i + 1 + digits) : '';
    if (!digits || i + digits >= end || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) return undefined;
    const code = parseInt(hex, 16);
    if (code > 0x10ffff) return undefined;
    out += String.fromCodePoint(code);
    i += digits;
  }
  return out;
}
