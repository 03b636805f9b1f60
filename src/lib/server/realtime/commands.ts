import type { z } from 'zod';
import {
  MessageCreateCommand,
  PresenceCommand,
  ReadCommand,
  SyncCommand,
  TypingCommand,
  type Ack,
} from '$lib/shared/realtime-events';
import type { SwitchboardApp } from '../app';
import { AppError } from '../errors';
import type { AppSocket } from './attach';
import { inboxAudience } from './rooms';

/** Validates a command's payload and turns any error into an `{ok:false}` ack; nothing throws. */
export function command<S extends z.ZodType, T>(schema: S, handler: (input: z.output<S>) => T | Promise<T>) {
  return async (payload: unknown, ack?: (a: Ack<T>) => void) => {
    const reply = typeof ack === 'function' ? ack : () => {};
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      return reply({ ok: false, error: { code: 'invalid_payload', message: parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ') } });
    }
    try {
      reply({ ok: true, data: await handler(parsed.data) });
    } catch (err) {
      if (err instanceof AppError) return reply({ ok: false, error: { code: err.code, message: err.message } });
      console.error('[socket] command failed', err);
      reply({ ok: false, error: { code: 'internal', message: 'something went wrong' } });
    }
  };
}

const TYPING_TTL_MS = 6_000;

export function registerCommands(app: SwitchboardApp, socket: AppSocket) {
  const auth = () => socket.data.auth;
  const typingTimers = new Map<number, NodeJS.Timeout>();

  const emitTyping = (conversationId: number, inboxId: number, typing: boolean) => {
    const { id, name } = auth().user;
    socket.to(inboxAudience(inboxId)).volatile.emit('typing', { seq: app.log.currentSeq(), conversationId, userId: id, name, typing });
    app.bus.signal('agent.typing', { conversationId, name, typing });
  };

  socket.on('sync', command(SyncCommand, ({ since }) => app.sync.since(auth(), since)));

  socket.on('presence:set', command(PresenceCommand, ({ status }) => {
    app.presence.set(auth().user.id, status);
    return null;
  }));

  socket.on('conversation:read', command(ReadCommand, ({ conversationId }) => {
    app.conversations.markRead(auth(), conversationId);
    app.bus.signal('conversation.read', { conversationId, readAt: Date.now() });
    return null;
  }));

  socket.on('message:create', command(MessageCreateCommand, ({ conversationId, ...body }) => app.messages.post(auth(), conversationId, body).message));

  // Typing is volatile: never logged, and it expires on the server if the client goes quiet.
  socket.on('typing:set', command(TypingCommand, ({ conversationId, typing }) => {
    const { inboxId } = app.conversations.visibleRow(auth(), conversationId);
    clearTimeout(typingTimers.get(conversationId));
    typingTimers.delete(conversationId);
    emitTyping(conversationId, inboxId, typing);
    if (typing) {
      typingTimers.set(conversationId, setTimeout(() => {
        typingTimers.delete(conversationId);
        emitTyping(conversationId, inboxId, false);
      }, TYPING_TTL_MS));
    }
    return null;
  }));

  socket.on('disconnect', () => {
    for (const t of typingTimers.values()) clearTimeout(t);
  });
}
