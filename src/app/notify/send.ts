import net from 'node:net';
import { describeError } from '../../core/index.js';
import type { Logger } from '../../plugin/contract.js';
import { scrubText } from '../../secrets/index.js';

/** How long a notification may take before it is given up. */
export const NOTIFY_TIMEOUT_MS = 5000;

/**
 * Posts `{ text }` to a Slack-compatible incoming webhook. Never throws: a notification that
 * fails is logged and reported as false, and publishing goes on. The URL comes from a repo's
 * config, so only https to a host name is used, and redirects are not followed: the App must not
 * become a way to reach addresses on its own network.
 */
export async function sendNotification(url: string, text: string, log: Logger): Promise<boolean> {
  const refusal = unsafeReason(url);
  if (refusal) {
    log.warn({ reason: refusal }, 'notification not sent: the webhook URL is refused');
    return false;
  }
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: scrubText(text) }),
      redirect: 'manual',
      signal: AbortSignal.timeout(NOTIFY_TIMEOUT_MS),
    });
    await response.body?.cancel();
    if (response.ok) return true;
    log.warn({ status: response.status }, 'notification webhook answered with an error');
  } catch (err) {
    log.warn({ error: describeError(err) }, 'notification webhook could not be reached');
  }
  return false;
}

function unsafeReason(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'https:') return 'not https';
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (net.isIP(host) || host === 'localhost' || host.endsWith('.localhost') || !host.includes('.')) return 'not a public host name';
  return undefined;
}
