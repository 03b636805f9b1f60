/**
 * The open conversation's satisfaction survey for the side panel: loaded with the conversation,
 * again when it gets resolved (the survey is sent then), and live from `csat.rated`.
 */
import { api } from '$lib/client/api';
import type { CsatRated, CsatResponse } from '$lib/shared/schemas/csat';

export class ConversationCsat {
  value = $state.raw<CsatResponse | null>(null);
  #conversationId: number | null = null;
  #version = 0;

  async load(conversationId: number) {
    this.#conversationId = conversationId;
    const version = ++this.#version;
    try {
      const { csat } = await api<{ csat: CsatResponse | null }>(`/api/conversations/${conversationId}/csat`);
      if (version === this.#version) this.value = csat;
    } catch {
      // The panel simply shows no survey; the conversation itself reports load errors.
      if (version === this.#version) this.value = null;
    }
  }

  apply(e: Omit<CsatRated, 'seq'>) {
    if (e.conversationId !== this.#conversationId) return;
    const base = this.value;
    this.value = {
      conversationId: e.conversationId,
      inboxId: e.inboxId,
      channel: e.channel,
      agentId: e.agentId,
      requestedAt: base?.requestedAt ?? e.ratedAt,
      rating: e.rating,
      comment: e.comment,
      ratedAt: e.ratedAt,
    };
  }
}
