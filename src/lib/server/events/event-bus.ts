import { EventEmitter } from 'node:events';
import type { EventPayloadMap, EventType } from '$lib/shared/schemas/events';

/** A committed, logged event as it travels from a domain service to the realtime fan-out. */
export type PublishedEvent = {
  [K in EventType]: { seq: number; type: K; payload: EventPayloadMap[K]; inboxId: number | null; userId: number | null };
}[EventType];

/** Things that are not logged facts but that open sockets must act on at once. */
export type Signals = {
  'session.ended': { sessionId?: number; tokenId?: number; userId?: number; reason: string };
  'access.changed': { userId: number };
  /** An agent started or stopped typing in a conversation (the chat widget shows it). */
  'agent.typing': { conversationId: number; name: string; typing: boolean };
  /** An agent opened a conversation: the customer's messages so far are read. */
  'conversation.read': { conversationId: number; readAt: number };
};

/** In-process bus: domain services publish after commit; realtime/ and jobs subscribe. */
export class EventBus {
  readonly #emitter = new EventEmitter({ captureRejections: true });

  constructor() {
    this.#emitter.setMaxListeners(50);
  }

  publish(event: PublishedEvent): void {
    this.#emitter.emit('event', event);
  }

  signal<K extends keyof Signals>(name: K, data: Signals[K]): void {
    this.#emitter.emit(`signal:${name}`, data);
  }

  onSignal<K extends keyof Signals>(name: K, listener: (data: Signals[K]) => void): () => void {
    this.#emitter.on(`signal:${name}`, listener);
    return () => this.#emitter.off(`signal:${name}`, listener);
  }

  subscribe(listener: (event: PublishedEvent) => void): () => void {
    const safe = (event: PublishedEvent) => {
      try {
        listener(event);
      } catch (err) {
        console.error('[bus] listener failed', err);
      }
    };
    this.#emitter.on('event', safe);
    return () => this.#emitter.off('event', safe);
  }
}
