import fs from 'node:fs';
import { AtqosError } from '../core/index.js';
import type { ServerOptions } from './options.js';

/**
 * Server options from the environment: APP_ID, PRIVATE_KEY (PEM, or base64 of it) or
 * PRIVATE_KEY_PATH, WEBHOOK_SECRET, PORT, HOST, ATQOS_WORKFLOW_FILE, ATQOS_AUTO_DIAGNOSE_PRS,
 * LOG_LEVEL, GHE_HOST. Missing values are left for `checkAppOptions` to refuse with a hint.
 */
export function serverOptionsFromEnv(env: NodeJS.ProcessEnv): ServerOptions {
  const options: ServerOptions = {
    appId: env.APP_ID ?? '',
    privateKey: privateKeyFrom(env),
    webhookSecret: env.WEBHOOK_SECRET,
    // On unless turned off: the PR lane is what most repositories install ATQOS for.
    autoDiagnosePullRequests: env.ATQOS_AUTO_DIAGNOSE_PRS?.trim().toLowerCase() !== 'false',
  };
  if (env.PORT) options.port = portFrom(env.PORT);
  if (env.HOST) options.host = env.HOST;
  if (env.ATQOS_APP_STATE) options.stateFile = env.ATQOS_APP_STATE;
  if (env.ATQOS_WORKFLOW_FILE) options.workflowFile = env.ATQOS_WORKFLOW_FILE;
  if (env.LOG_LEVEL && env.LOG_LEVEL !== 'silent') options.logLevel = env.LOG_LEVEL;
  if (env.GHE_HOST) options.baseUrl = `${env.GHE_PROTOCOL ?? 'https'}://${env.GHE_HOST}/api/v3`;
  return options;
}

function privateKeyFrom(env: NodeJS.ProcessEnv): string {
  if (env.PRIVATE_KEY) {
    const key = env.PRIVATE_KEY.replace(/\\n/g, '\n');
    return key.includes('PRIVATE KEY') ? key : Buffer.from(key, 'base64').toString('utf8');
  }
  if (!env.PRIVATE_KEY_PATH) return '';
  try {
    return fs.readFileSync(env.PRIVATE_KEY_PATH, 'utf8');
  } catch (err) {
    throw new AtqosError('app_private_key_unreadable', `cannot read PRIVATE_KEY_PATH ${env.PRIVATE_KEY_PATH}`, {
      cause: err,
      hint: 'point PRIVATE_KEY_PATH at the .pem file downloaded from the GitHub App\'s settings',
    });
  }
}

function portFrom(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new AtqosError('app_port_invalid', `PORT ${JSON.stringify(text)} is not a port number`, { hint: 'set PORT to a number from 1 to 65535' });
  }
  return port;
}
