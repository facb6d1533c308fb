#!/usr/bin/env node
/* The App's entry: environment in, server up. No logic here; see env.ts and server.ts. */
import { describeError } from '../core/index.js';
import { serverOptionsFromEnv } from './env.js';
import { startServer } from './server.js';

try {
  const server = await startServer(serverOptionsFromEnv(process.env));
  process.stderr.write(`ATQOS App listening on ${server.url}\n`);
  const stop = () => void server.close().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (err) {
  process.stderr.write(`atqos app: ${describeError(err)}\n`);
  process.exitCode = 1;
}
