import type { NotifyConfig } from '../../config/index.js';
import type { Logger } from '../../plugin/contract.js';
import type { AppMetrics } from '../metrics/app-metrics.js';
import type { FinishedRun, PublishedPlan } from './messages.js';
import { newBlockers, newBlockersText, runFinishedText } from './messages.js';
import { sendNotification } from './send.js';

/**
 * The notifications for a finished ATQOS run, as the repo's `notify` config asks: one message
 * that the run ended, and one listing blocker findings that appeared. Failures are logged and
 * counted, never thrown.
 */
export async function notifyRunFinished(notify: NotifyConfig | undefined, run: FinishedRun, published: PublishedPlan[], log: Logger, metrics: AppMetrics): Promise<number> {
  const url = notify?.slackWebhookUrl;
  if (!url) return 0;
  const messages: string[] = [];
  if (notify.on.includes('run_finished')) messages.push(runFinishedText(run, published));
  const blockers = notify.on.includes('new_blocker') ? newBlockers(published) : [];
  if (blockers.length) messages.push(newBlockersText(run.repo, blockers, run.url));
  let sent = 0;
  for (const text of messages) {
    if (await sendNotification(url, text, log)) sent += 1;
    else metrics.errors.inc({ where: 'notify' });
  }
  return sent;
}
