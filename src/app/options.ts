import { AtqosError } from '../core/index.js';

/** Everything the App needs to run; `main.ts` reads it from the environment. */
export interface AppOptions {
  appId: number | string;
  /** The App's PEM private key. */
  privateKey: string;
  /** The webhook secret set in the App's settings; required, and never Probot's "development". */
  webhookSecret: string | undefined;
  /** The ATQOS workflow file in `.github/workflows/`. Default `atqos.yml`. */
  workflowFile?: string;
  /** Least time between the Publisher's writes, ms. Default 1000 (GitHub's secondary limits). */
  paceMs?: number;
  /** The PR lane: a queued check run and `diagnose` on lane `pr` for opened/pushed same-repo PRs. Default true. */
  autoDiagnosePullRequests?: boolean;
  /** How many delivery ids to remember for dedupe. Default 10,000. */
  deliveryMemory?: number;
  /** Probot's throttling and retry plugins (they wait seconds between writes). Default true; tests turn them off. */
  rateLimitPlugins?: boolean;
  /** GitHub API root (GitHub Enterprise Server). */
  baseUrl?: string;
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  /** The webhook path. Default `/api/github/webhooks`. */
  webhookPath?: string;
  /**
   * Answer GitHub as soon as the signature is checked and handle the delivery in the background
   * (at most 8 at once). Default true; the specs turn it off to assert after the response.
   */
  acknowledgeFirst?: boolean;
  /** SQLite file for lane schedules (`ATQOS_APP_STATE`); lanes with a `cron` are dispatched only when set. */
  stateFile?: string;
}

export interface ServerOptions extends AppOptions {
  /** Default 3000; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1: put a proxy in front rather than expose the App directly. */
  host?: string;
}

/** Probot's built-in fallback secret, which anyone can sign with. */
const PROBOT_DEFAULT_SECRET = 'development';
const WORKFLOW_FILE = /^[A-Za-z0-9._-]+\.ya?ml$/;

/** Refuses options the App must not start with: no real webhook secret, or no key. */
export function checkAppOptions(options: AppOptions): void {
  const secret = options.webhookSecret;
  if (!secret || secret.trim() === '' || secret === PROBOT_DEFAULT_SECRET) {
    throw new AtqosError('app_webhook_secret_missing', secret === PROBOT_DEFAULT_SECRET
      ? 'the webhook secret is Probot\'s default "development", which anyone can sign webhooks with'
      : 'no webhook secret is set, so webhooks could not be verified', {
      hint: 'set WEBHOOK_SECRET to the secret in the GitHub App\'s settings (Settings → Developer settings → GitHub Apps → Webhook secret)',
    });
  }
  if (!String(options.appId ?? '').match(/^\d+$/)) {
    throw new AtqosError('app_id_missing', `the App id ${JSON.stringify(options.appId ?? '')} is not a number`, { hint: 'set APP_ID to the App ID shown on the GitHub App\'s settings page' });
  }
  if (!options.privateKey?.includes('PRIVATE KEY')) {
    throw new AtqosError('app_private_key_missing', 'no PEM private key for the App', { hint: 'set PRIVATE_KEY to the key\'s PEM text, or PRIVATE_KEY_PATH to the .pem file downloaded from the App\'s settings' });
  }
  if (options.workflowFile !== undefined && !WORKFLOW_FILE.test(options.workflowFile)) {
    throw new AtqosError('app_workflow_file_invalid', `workflow file ${JSON.stringify(options.workflowFile)} is not a file name in .github/workflows`, { hint: 'give the file name only, e.g. atqos.yml' });
  }
}
