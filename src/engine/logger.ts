import type { Logger } from '../plugin/contract.js';
import { scrubText } from '../secrets/index.js';

export const silentLogger: Logger = { info() {}, warn() {}, debug() {} };

/** Human progress on stderr: `atqos: msg key=value`. Machine output never goes here. */
export function stderrLogger(opts: { verbose?: boolean; quiet?: boolean } = {}): Logger {
  const write = (level: string, fields: Record<string, unknown>, msg: string) => {
    const kv = Object.entries(fields)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    process.stderr.write(scrubText(`atqos${level === 'info' ? '' : ` ${level}`}: ${msg}${kv ? ` ${kv}` : ''}\n`));
  };
  return {
    info: (f, m) => { if (!opts.quiet) write('info', f, m); },
    warn: (f, m) => write('warn', f, m),
    debug: (f, m) => { if (opts.verbose) write('debug', f, m); },
  };
}
