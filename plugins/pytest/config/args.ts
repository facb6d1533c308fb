import type { TomlValue } from './toml.js';

/** `shlex.split` for option values: whitespace separates, quotes group, a backslash escapes. */
export function shellSplit(text: string): string[] {
  const words: string[] = [];
  for (const m of text.matchAll(/(?:[^\s'"\\]|\\.|"(?:[^"\\]|\\.)*"|'[^']*')+/gs)) {
    words.push(m[0].replace(/\\(.)|"((?:[^"\\]|\\.)*)"|'([^']*)'/gs, (_, esc?: string, dq?: string, sq?: string) => esc ?? sq ?? dq!.replace(/\\(["\\])/g, '$1')));
  }
  return words;
}

/**
 * An option of pytest's `args` type (`python_files`, `addopts`): an INI string is split like a
 * shell would, a TOML list of strings is taken as it is; anything else is unusable (undefined).
 */
export function argsValue(value: TomlValue | undefined): string[] | undefined {
  if (typeof value === 'string') return shellSplit(value);
  if (Array.isArray(value) && value.every((v): v is string => typeof v === 'string')) return value;
  return undefined;
}
