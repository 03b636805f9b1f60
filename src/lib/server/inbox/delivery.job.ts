import { z } from 'zod';
import type { JobHandler } from '../jobs/job-worker';
import { channelAdapter } from '../channels/registry';
import type { InboxService } from './inbox.service';
import type { MessageService } from './message.service';

const Payload = z.object({ messageId: z.number().int() });

/** Sends one outgoing message through its inbox's channel and records the result on it. */
export function deliveryJob(messages: MessageService, inboxes: InboxService): JobHandler {
  return {
    async run(payload, job) {
      const { messageId } = Payload.parse(payload);
      const out = messages.outbound(messageId);
      if (out.row.status === 'sent' || out.row.status === 'delivered' || out.row.status === 'read') return { ok: true };
      const inbox = inboxes.record(out.row.inboxId);
      return channelAdapter(inbox.channel).deliver({ ...out, inbox, deliveryId: `msg_${messageId}_job_${job.id}` });
    },
    settled(payload, job, state, outcome) {
      const { messageId } = Payload.parse(payload);
      if (outcome.ok) messages.setDelivery(messageId, { status: 'sent', externalId: outcome.externalId ?? null });
      else if (state === 'failed') messages.setDelivery(messageId, { status: 'failed', error: outcome.error });
      else messages.setDelivery(messageId, { status: 'queued', error: `attempt ${job.attempts} failed, retrying: ${outcome.error}` });
    },
  };
}
