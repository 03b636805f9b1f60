import * as m from '$lib/paraglide/messages';
import { Locale } from '$lib/shared/schemas/common';
import { mentionRecipients } from '../collab/mention-recipients';
import type { EventBus } from '../events/event-bus';
import type { UserService } from '../users/user.service';
import type { PushService } from './push.service';
import { previewOf } from '../inbox/search-text';

/**
 * An @mention in a private note is a call for help: the teammates it names get a push, if they
 * can open the conversation (a mention never leaks a conversation to someone outside its inbox).
 */
export function startMentionPush(bus: EventBus, push: PushService, users: UserService): () => void {
  return bus.subscribe((e) => {
    if (e.type !== 'message.created') return;
    const { message, conversationId, inboxId } = e.payload;
    if (!message.private || message.direction !== 'outgoing' || message.author?.type !== 'user') return;
    for (const user of mentionRecipients(users, message.text, inboxId, message.author.id)) {
      const locale = Locale.catch('en').parse(user.locale);
      push.notify(user.id, {
        kind: 'mention',
        title: m.push_mention_title({ name: message.author.name }, { locale }),
        body: previewOf(message.text),
        url: `/conversations/${conversationId}`,
        tag: `mention-${message.id}`,
      });
    }
  });
}
