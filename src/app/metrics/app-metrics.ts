import type http from 'node:http';
import type { PublishResult } from '../../github/index.js';
import { Counter, Histogram, MetricsRegistry } from './registry.js';

/** What happened to one webhook delivery. */
export type WebhookOutcome = 'handled' | 'duplicate' | 'error' | 'rejected' | 'ignored';

/** Latency buckets in seconds, 5 ms … 5 s. */
export const WEBHOOK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] as const;

// Event names come from a header anyone can send (before the signature is checked): only known
// names become label values, so a flood of made-up names cannot grow the registry.
const KNOWN_EVENTS = new Set(['issue_comment', 'check_run', 'workflow_run', 'pull_request', 'push', 'ping', 'installation', 'installation_repositories']);
const MAX_NOTES = 1000;
const eventLabel = (name: string | undefined) => (name && KNOWN_EVENTS.has(name) ? name : 'other');

/** The App's metrics, served at `/metrics`. One instance per server. */
export class AppMetrics {
  readonly registry = new MetricsRegistry();
  readonly webhooks = this.registry.register(new Counter('atqos_webhooks_total', 'Webhook deliveries by event and outcome.', ['event', 'outcome']));
  readonly dispatches = this.registry.register(new Counter('atqos_dispatches_total', 'ATQOS workflow dispatches by command and lane.', ['command', 'lane']));
  readonly publishActions = this.registry.register(new Counter('atqos_publish_actions_total', 'Objects the Publisher touched, by kind and action.', ['kind', 'action']));
  readonly errors = this.registry.register(new Counter('atqos_errors_total', 'Errors by where they happened.', ['where']));
  readonly webhookDuration = this.registry.register(new Histogram('atqos_webhook_duration_seconds', 'Time from a webhook request to its response.', WEBHOOK_BUCKETS));
  // Outcomes the handlers report per delivery id, read when the response is sent.
  private readonly notes = new Map<string, WebhookOutcome>();

  /** A handler's verdict on a delivery (the HTTP layer counts it when the response goes out). */
  note(deliveryId: string, outcome: WebhookOutcome): void {
    this.notes.set(deliveryId, outcome);
    // Deliveries that never came through the HTTP layer (probot.receive) must not pile up.
    if (this.notes.size > MAX_NOTES) this.notes.delete(this.notes.keys().next().value as string);
  }

  recordPublish(result: PublishResult): void {
    for (const action of result.actions) this.publishActions.inc({ kind: action.kind, action: action.action });
    if (result.errors.length) this.errors.inc({ where: 'publish' }, result.errors.length);
  }

  /** Counts and times one webhook request when its response finishes. */
  trackWebhook(req: http.IncomingMessage, res: http.ServerResponse): void {
    const started = process.hrtime.bigint();
    const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
    const id = header('x-github-delivery');
    res.once('close', () => {
      this.webhookDuration.observe(Number(process.hrtime.bigint() - started) / 1e9);
      const noted = id ? this.notes.get(id) : undefined;
      if (id) this.notes.delete(id);
      const outcome: WebhookOutcome = noted ?? (res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'rejected' : 'ignored');
      this.webhooks.inc({ event: eventLabel(header('x-github-event')), outcome });
    });
  }
}
