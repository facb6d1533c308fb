import type { Logger } from '../plugin/contract.js';
import { scrubText } from '../secrets/index.js';

/** JSON lines on stdout, like Probot's own logs, for App parts that run outside a webhook. */
export const jsonLogger: Logger = {
  info: (fields, msg) => write('info', fields, msg),
  warn: (fields, msg) => write('warn', fields, msg),
  debug: () => {},
};

function write(level: string, fields: Record<string, unknown>, msg: string): void {
  process.stdout.write(scrubText(`${JSON.stringify({ level, time: new Date().toISOString(), msg, ...fields })}\n`));
}
