import { z } from 'zod';
import { Incident, IncidentStatus, Severity } from '$lib/shared/schemas/incident';
import type { Db } from '../db/client';
import type { EventBus, PublishedEvent } from '../events/event-bus';
import type { JobQueue } from '../jobs/job-queue';
import type { JobHandler } from '../jobs/job-worker';
import { postJson } from '../channels/http-delivery';
import type { CrisisSettingsService } from './crisis-settings.service';
import { webhookPayload, type WebhookKind } from './crisis-webhook.payload';

export const CRISIS_WEBHOOK_JOB = 'crisis.webhook';
const TIMEOUT_MS = 10_000;
/** Events this recent are offered to the queue again at start (a crash between commit and enqueue). */
const CATCH_UP_MS = 15 * 60_000;

const INCIDENT_EVENTS = ['incident.declared', 'incident.updated', 'incident.resolved'] as const;
type IncidentEventType = (typeof INCIDENT_EVENTS)[number];

const Payload = z.object({
  kind: z.enum(['declared', 'updated', 'resolved']),
  incident: z.object({
    id: z.number().int(),
    title: z.string(),
    severity: Severity,
    status: IncidentStatus,
    message: z.string(),
    components: z.array(z.string()),
  }),
});

/**
 * Posts one announcement to the team chat webhook (Slack or Teams, as configured when it runs).
 * 5xx, 429, 408 and network errors are retried with the queue's backoff; other answers fail it.
 */
export function crisisWebhookJob(settings: CrisisSettingsService, publicUrl: string): JobHandler {
  return {
    async run(raw) {
      const { kind, incident } = Payload.parse(raw);
      const { webhookUrl, webhookFormat } = settings.get();
      // Removed since the event: nobody to tell any more.
      if (!webhookUrl) return { ok: true };
      return postJson(webhookUrl, JSON.stringify(webhookPayload(webhookFormat, kind, incident, publicUrl)), {}, TIMEOUT_MS);
    },
    settled(raw, job, state, outcome) {
      if (state === 'failed' && !outcome.ok) console.warn(`[crisis] team chat webhook for incident ${(raw as z.infer<typeof Payload>)?.incident?.id} failed after ${job.attempts} attempt(s): ${outcome.error}`);
    },
  };
}

/**
 * Queues one announcement per timeline entry: the key is the incident's latest update (the
 * declaration is the first), so a replayed event, or an edit of the incident that adds no update,
 * never posts the same news twice.
 */
function enqueueAnnouncement(queue: JobQueue, settings: CrisisSettingsService, type: IncidentEventType, seq: number, incident: Incident) {
  if (!settings.get().webhookUrl) return;
  const kind: WebhookKind = type === 'incident.declared' ? 'declared' : type === 'incident.resolved' || incident.status === 'resolved' ? 'resolved' : 'updated';
  const uniqueKey = incident.latestUpdate ? `crisis-webhook:update:${incident.latestUpdate.id}` : `crisis-webhook:event:${seq}`;
  const { id, title, severity, status, message, components } = incident;
  queue.enqueue(CRISIS_WEBHOOK_JOB, { kind, incident: { id, title, severity, status, message, components } }, { uniqueKey, maxAttempts: 8 });
}

const isIncidentEvent = (e: PublishedEvent): e is Extract<PublishedEvent, { type: IncidentEventType }> => (INCIDENT_EVENTS as readonly string[]).includes(e.type);

/** Subscribes to incident events; returns the unsubscribe function. */
export function startCrisisWebhook(bus: EventBus, queue: JobQueue, settings: CrisisSettingsService): () => void {
  return bus.subscribe((e) => {
    if (isIncidentEvent(e)) enqueueAnnouncement(queue, settings, e.type, e.seq, e.payload.incident);
  });
}

/**
 * The bus is not durable: an event committed just before a crash may never have reached the
 * subscriber. At start, recent incident events are offered again; unique keys drop the ones
 * already queued.
 */
export function catchUpCrisisWebhook(db: Db, queue: JobQueue, settings: CrisisSettingsService, now = Date.now()) {
  const rows = db.$client
    .prepare<[number], { seq: number; type: IncidentEventType; payload: string }>(
      `SELECT seq, type, payload FROM events WHERE created_at >= ? AND type IN ('incident.declared', 'incident.updated', 'incident.resolved') ORDER BY seq`,
    )
    .all(now - CATCH_UP_MS);
  for (const row of rows) {
    const parsed = z.object({ incident: Incident }).safeParse(JSON.parse(row.payload));
    if (parsed.success) enqueueAnnouncement(queue, settings, row.type, row.seq, parsed.data.incident);
  }
}
