import * as m from '$lib/paraglide/messages';
import { Locale } from '$lib/shared/schemas/common';
import type { EventBus } from '../events/event-bus';
import type { UserService } from '../users/user.service';
import type { PushService } from '../push/push.service';

/** Each lead told of an escalation (one event per lead) also gets a Web Push for a closed tab. */
export function startEscalationPush(bus: EventBus, push: PushService, users: UserService): () => void {
  return bus.subscribe((e) => {
    if (e.type !== 'conversation.escalated' || e.userId === null) return;
    const user = users.get(e.userId);
    const locale = Locale.catch('en').parse(user.locale);
    const { conversationId, reason, by, contactName } = e.payload;
    push.notify(user.id, {
      kind: 'escalated',
      title: m.floor_push_escalated_title({ name: by.name }, { locale }),
      body: `${contactName}: ${reason}`,
      url: `/conversations/${conversationId}`,
      tag: `escalated-${conversationId}`,
    });
  });
}
