import type { ConversationViewer } from '$lib/shared/schemas/collab';

type Viewing = { conversationId: number; inboxId: number; userId: number; name: string };

/** A conversation whose viewer list changed, with the list to announce to its inbox. */
export type ViewersChange = { conversationId: number; inboxId: number; viewers: ConversationViewer[] };

/**
 * Who has which conversation open. In memory and per socket: a socket shows at most one
 * conversation, and closing it, switching to another or disconnecting ends its viewing. An agent
 * with two tabs on one conversation is listed once, until both have left.
 */
export class ViewerService {
  readonly #bySocket = new Map<string, Viewing>();
  /** Insertion-ordered, so viewers are listed in the order they arrived. */
  readonly #byConversation = new Map<number, Map<string, Viewing>>();

  /** The socket now shows `conversationId` (access already checked); returns the lists that changed. */
  view(socketId: string, viewing: Viewing): ViewersChange[] {
    const before = this.#bySocket.get(socketId);
    if (before && before.conversationId === viewing.conversationId) return [];
    const changes = this.leave(socketId);
    this.#bySocket.set(socketId, viewing);
    const sockets = this.#byConversation.get(viewing.conversationId) ?? new Map<string, Viewing>();
    sockets.set(socketId, viewing);
    this.#byConversation.set(viewing.conversationId, sockets);
    return [...changes, this.#change(viewing)];
  }

  /** The socket shows no conversation any more (closed it, or disconnected). */
  leave(socketId: string): ViewersChange[] {
    const viewing = this.#bySocket.get(socketId);
    if (!viewing) return [];
    this.#bySocket.delete(socketId);
    const sockets = this.#byConversation.get(viewing.conversationId);
    sockets?.delete(socketId);
    if (sockets && sockets.size === 0) this.#byConversation.delete(viewing.conversationId);
    return [this.#change(viewing)];
  }

  /** What the socket shows, if anything (to re-check access when memberships change). */
  viewingOf(socketId: string): Viewing | undefined {
    return this.#bySocket.get(socketId);
  }

  viewers(conversationId: number): ConversationViewer[] {
    const seen = new Map<number, ConversationViewer>();
    for (const v of this.#byConversation.get(conversationId)?.values() ?? []) {
      if (!seen.has(v.userId)) seen.set(v.userId, { userId: v.userId, name: v.name });
    }
    return [...seen.values()];
  }

  #change(v: Viewing): ViewersChange {
    return { conversationId: v.conversationId, inboxId: v.inboxId, viewers: this.viewers(v.conversationId) };
  }
}
