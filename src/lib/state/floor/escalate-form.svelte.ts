import type { ConversationDetail } from '$lib/shared/schemas/conversation';
import { api, errorMessage } from '$lib/client/api';
import * as m from '$lib/paraglide/messages';

export const REASON_MIN = 3;
export const REASON_MAX = 500;

/** The reason as the server will take it, or null when it is too short (the server trims too). */
export function cleanReason(text: string): string | null {
  const t = text.trim();
  return t.length >= REASON_MIN && t.length <= REASON_MAX ? t : null;
}

/** The Escalate dialog: a required reason, sent as `POST /api/conversations/{id}/escalate`. */
export class EscalateForm {
  reason = $state('');
  error = $state<string | null>(null);
  pending = $state(false);

  constructor(private readonly conversationId: number) {}

  async submit(): Promise<ConversationDetail | null> {
    const reason = cleanReason(this.reason);
    if (!reason) {
      this.error = m.floor_escalate_reason_short();
      return null;
    }
    this.pending = true;
    this.error = null;
    try {
      return await api<ConversationDetail>(`/api/conversations/${this.conversationId}/escalate`, { method: 'POST', body: { reason } });
    } catch (err) {
      this.error = errorMessage(err);
      return null;
    } finally {
      this.pending = false;
    }
  }
}
