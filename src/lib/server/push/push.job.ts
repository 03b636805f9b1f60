import { z } from 'zod';
import webpush, { WebPushError } from 'web-push';
import { PushPayload } from '$lib/shared/schemas/push';
import type { JobHandler } from '../jobs/job-worker';
import type { PushService } from './push.service';

const Payload = z.object({ subscriptionId: z.number().int(), payload: PushPayload });

/**
 * Sends one notification to one browser. A subscription the push service no longer knows (404,
 * 410) is removed; rate limits and server errors are retried; anything else fails the job.
 */
export function pushJob(push: PushService, subject: string): JobHandler {
  return {
    async run(raw) {
      const { subscriptionId, payload } = Payload.parse(raw);
      const sub = push.subscription(subscriptionId);
      if (!sub) return { ok: true };
      try {
        await webpush.sendNotification({ endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } }, JSON.stringify(payload), {
          vapidDetails: { subject, publicKey: push.keys.publicKey, privateKey: push.keys.privateKey },
          TTL: 24 * 3600,
          urgency: payload.kind === 'incident' ? 'high' : 'normal',
          topic: payload.tag.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 32) || undefined,
          timeout: 10_000,
        });
        push.delivered(subscriptionId);
        return { ok: true };
      } catch (err) {
        if (err instanceof WebPushError) {
          if (err.statusCode === 404 || err.statusCode === 410) {
            push.forget(subscriptionId);
            return { ok: true };
          }
          const retry = err.statusCode === 429 || err.statusCode >= 500;
          const after = Number(err.headers?.['retry-after']);
          return { ok: false, retry, error: `push service answered ${err.statusCode}`, ...(Number.isFinite(after) && after > 0 ? { retryAfterMs: after * 1000 } : {}) };
        }
        return { ok: false, retry: true, error: err instanceof Error ? err.message : String(err) };
      }
    },
  };
}
