import type { SwitchboardApp } from '../../app';
import type { ChatVisitors } from './chat-visitors';

const RETRIES = 8;
const RETRY_MS = 250;

/**
 * The visitor's widget received or showed the agent's messages up to `upToId`: report it to
 * MessageService like any channel's delivery report. A reply can reach the widget a moment
 * before its delivery job has recorded it as sent (with its provider id); those are retried
 * shortly instead of being lost.
 */
export function markAgentMessages(app: SwitchboardApp, visitors: ChatVisitors, inboxId: number, contactId: number, upToId: number, state: 'delivered' | 'read', attempt = 0) {
  let pending = false;
  for (const m of visitors.unreadAgentMessages(inboxId, contactId, upToId)) {
    if (m.externalId && m.status !== 'queued') app.messages.reportDelivery(inboxId, m.externalId, { status: state });
    else pending = true;
  }
  if (pending && attempt < RETRIES) {
    setTimeout(() => {
      try {
        markAgentMessages(app, visitors, inboxId, contactId, upToId, state, attempt + 1);
      } catch (err) {
        console.error('[widget] read report failed', err);
      }
    }, RETRY_MS).unref();
  }
}
