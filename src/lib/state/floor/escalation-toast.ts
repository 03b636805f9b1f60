import * as m from '$lib/paraglide/messages';
import type { EscalationRaised } from '$lib/shared/schemas/floor';
import type { Toast } from '../toasts.svelte';

/** What a lead sees when a conversation is escalated to them: who, which customer, why; a link. */
export function escalationToast(p: Omit<EscalationRaised, 'seq'>): Omit<Toast, 'id'> {
  return {
    kind: 'assigned',
    title: m.floor_view_escalated(),
    body: m.floor_toast_escalated({ name: p.by.name, contact: p.contactName, reason: p.reason }),
    href: `/conversations/${p.conversationId}`,
    actionLabel: m.action_open(),
  };
}
