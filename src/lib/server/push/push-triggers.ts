import * as m from '$lib/paraglide/messages';
import type { EventBus } from '../events/event-bus';
import type { UserService } from '../users/user.service';
import type { PushService } from './push.service';

/**
 * Turns facts into background notifications: a conversation newly assigned to someone by
 * somebody else. (Mentions and incidents publish through `PushService.notify` where they happen.)
 */
export function startPushTriggers(bus: EventBus, push: PushService, users: UserService): () => void {
  return bus.subscribe((e) => {
    if (e.type !== 'conversation.updated' && e.type !== 'conversation.created') return;
    const { conversation: c, changes, actorId } = e.payload;
    const assigned = changes.includes('assignee') || (e.type === 'conversation.created' && c.assigneeId !== null);
    if (!assigned || c.assigneeId === null || c.assigneeId === actorId) return;
    const user = users.get(c.assigneeId);
    const locale = user.locale ?? 'en';
    push.notify(user.id, {
      kind: 'assigned',
      title: m.push_assigned_title({}, { locale }),
      body: m.push_assigned_body({ contact: c.contact.name, preview: c.lastMessagePreview }, { locale }),
      url: `/conversations/${c.id}`,
      tag: `conversation-${c.id}`,
    });
  });
}
