import { repoRelative, toPosix } from '../../src/core/index.js';

const EXCERPT_LINES = 40;
const OUTSIDE_REPO = /(?:^|\/)(?:site-packages|dist-packages|\.venv|venv|\.tox|\.nox|node_modules)\//;

/** Text with the absolute paths of the given roots (longest first) made relative. */
export function relativize(text: string, roots: readonly string[]): string {
  let out = text.replace(/\r\n?/g, '\n');
  for (const root of [...roots].sort((a, b) => b.length - a.length)) {
    const r = toPosix(root).replace(/\/+$/, '');
    if (!r) continue;
    const escaped = r.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // Only the root itself or a path below it: `/x/repo` must not eat into `/x/repository`.
    out = out.replace(new RegExp(`${escaped}/`, 'g'), '').replace(new RegExp(`${escaped}(?![\\w.-])`, 'g'), '.');
  }
  return out;
}

/** The last lines of a traceback, with the repo's absolute paths made relative. */
export function excerpt(text: string, repoDir: string, runDir: string): string {
  const lines = relativize(text, [runDir, repoDir]).replace(/\s+$/, '').split('\n');
  return (lines.length > EXCERPT_LINES ? ['…', ...lines.slice(-EXCERPT_LINES)] : lines).join('\n');
}

/** The exception type named by the last `E   Type: message` line, or pytest's `path:N: Type` trailer. */
export function exceptionTypeFromText(text: string): string | undefined {
  const lines = text.split(/\r?\n/);
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    const e = /^E\s+((?:[A-Za-z_]\w*\.)*[A-Z]\w*(?:Error|Exception|Exit|Interrupt|Warning|Failed|Failure|NotFound\w*)):(?:\s|$)/.exec(line);
    if (e) return e[1]!.split('.').pop();
    const trailer = /^\S.*:\d+: ((?:[A-Za-z_]\w*\.)*[A-Z]\w*)$/.exec(line);
    if (trailer) return trailer[1]!.split('.').pop();
  }
  return undefined;
}

/** The first `E   ` line's text: for reports without a crash record (missing fixture, collect errors). */
export function firstErrorLine(text: string): string | undefined {
  const lines = text.split(/\r?\n/).filter((l) => /^E\s/.test(l)).map((l) => l.replace(/^E\s+/, '').trim());
  const typed = [...lines].reverse().find((l) => /^(?:[A-Za-z_]\w*\.)*[A-Z]\w*: /.test(l));
  return typed ?? lines.find((l) => l.length > 0);
}

/** `{path, line}` of every frame mentioned in a pytest (`path:N: in f`) or Python (`File "p", line N`) traceback. */
export function framesFromText(text: string): { path: string; line: number }[] {
  const frames: { path: string; line: number }[] = [];
  // `cannot import name 'X' from 'm' (/repo/m.py)` names the module that lost X.
  for (const m of text.matchAll(/from '[\w.]+' \(([^()\n]+\.py)\)/g)) frames.push({ path: m[1]!, line: 0 });
  for (const line of text.split(/\r?\n/)) {
    const m = /^(?:E\s+)?\s*File "([^"]+)", line (\d+)/.exec(line) ?? /^([^\s<>][^:<>]*\.py):(\d+): /.exec(line);
    if (m) frames.push({ path: m[1]!, line: Number(m[2]) });
  }
  return frames;
}

/** Repo-relative posix path of a frame inside the repo, or undefined (stdlib, site-packages, venvs). */
export function repoFrameFile(p: string, repoDir: string): string | undefined {
  const rel = repoRelative(p, repoDir);
  if (!rel || OUTSIDE_REPO.test(`/${rel}`) || !rel.endsWith('.py')) return undefined;
  return rel;
}
