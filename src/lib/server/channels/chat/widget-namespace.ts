import type { Namespace, Server, Socket } from 'socket.io';
import {
  WIDGET_NAMESPACE,
  WidgetEmailCommand,
  WidgetHandshake,
  WidgetReadCommand,
  WidgetSendCommand,
  WidgetTypingCommand,
  type WidgetClientToServer,
  type WidgetServerToClient,
} from '$lib/shared/widget-events';
import type { SwitchboardApp } from '../../app';
import { AppError } from '../../errors';
import { inboxAudience } from '../../realtime/rooms';
import type { AppServer } from '../../realtime/attach';
import type { OutboundMessage } from '../channel-adapter';
import { chatOutboundId, registerChatLine } from './chat-line';
import type { ChatMailer } from './chat-mailer';
import { chatVisitorsOf } from './chat-visitors-of';
import { openVisitorSession, type VisitorSession } from './visitor-session';
import { widgetCommand } from './widget-command';
import { clientIp, spend, widgetLimits } from './widget-limits';
import { markAgentMessages } from './widget-reads';
import { startWidgetIncidentBanner, type WidgetIncidentBanners } from '../../crisis/widget-incident-banner';
import { startWidgetSurveys, widgetSurveyFor } from '../../csat/widget-survey';

interface WidgetSocketData {
  session: VisitorSession;
  ip: string;
}
export type WidgetNamespace = Namespace<WidgetClientToServer, WidgetServerToClient, Record<string, never>, WidgetSocketData>;
type WidgetSocket = Socket<WidgetClientToServer, WidgetServerToClient, Record<string, never>, WidgetSocketData>;

/** A visitor's browsers (every tab, every device of a verified user) share this room. */
export const visitorRoom = (inboxId: number, externalId: string) => `visitor:${inboxId}:${externalId}`;
const widgetInboxRoom = (inboxId: number) => `inbox:${inboxId}`;

const TYPING_TTL_MS = 6_000;

/**
 * The widget's own namespace. Its sockets join only visitor rooms and widget inbox rooms of
 * this namespace: the agent fan-out (namespace `/`) never reaches them.
 */
export function attachWidget(io: AppServer, app: SwitchboardApp, mailer: ChatMailer | null): WidgetNamespace {
  const ns = (io as unknown as Server).of(WIDGET_NAMESPACE) as WidgetNamespace;
  const visitors = chatVisitorsOf(app);
  const trustProxy = app.env.TRUST_PROXY === '1';

  ns.use((socket, next) => {
    try {
      const ip = clientIp(socket.handshake.address, socket.handshake.headers['x-forwarded-for'], trustProxy);
      spend([[widgetLimits.connectionsPerIp, ip]], 'connections');
      const parsed = WidgetHandshake.safeParse(socket.handshake.auth ?? {});
      if (!parsed.success) throw new AppError(400, 'invalid_handshake', parsed.error.issues.map((i) => `${i.path.join('.') || 'auth'}: ${i.message}`).join('; '));
      socket.data.session = openVisitorSession(visitors, { ...parsed.data, mayIssue: true });
      socket.data.ip = ip;
      next();
    } catch (err) {
      const e = new Error(err instanceof AppError ? err.message : 'the chat is unavailable') as Error & { data?: unknown };
      e.data = { code: err instanceof AppError ? err.code : 'internal' };
      if (!(err instanceof AppError)) console.error('[widget] handshake failed', err);
      next(e);
    }
  });

  // Crisis mode: the active incident's banner, on connect and live.
  const banners = startWidgetIncidentBanner(app.db, app.bus, ns);
  ns.on('connection', (socket) => onConnection(app, io, socket, visitors, banners));

  const publicUrl = app.env.publicUrl;
  const unsubscribe = [
    banners.stop,
    // Satisfaction survey: the chat asks inline when its conversation is resolved.
    startWidgetSurveys(app.bus, app.csat.surveys, (conversationId, survey) => {
      const audience = visitors.audienceOf(conversationId);
      if (audience) ns.to(visitorRoom(audience.inboxId, audience.externalId)).emit('csat.survey', survey);
    }),
    // The visitor's own messages (from any tab, or an upload) reach all of their tabs.
    app.bus.subscribe((e) => {
      // Only a chat inbox with a widget open has tabs to reach: other inboxes' messages skip the lookup.
      if (e.type === 'message.created' && e.payload.message.direction === 'incoming' && ns.adapter.rooms.has(widgetInboxRoom(e.payload.inboxId))) {
        const audience = visitors.audienceOf(e.payload.conversationId);
        const found = audience && visitors.message(e.payload.message.id);
        if (audience && found) ns.to(visitorRoom(audience.inboxId, audience.externalId)).emit('message.created', visitors.toWidgetMessage(found.m, null, publicUrl));
      }
      if (e.type === 'presence.updated') {
        for (const room of ns.adapter.rooms.keys()) {
          const inboxId = Number(/^inbox:(\d+)$/.exec(room)?.[1]);
          if (inboxId) ns.to(room).emit('agents.online', { online: visitors.agentsOnline(inboxId, (id) => app.presence.status(id)) });
        }
      }
    }),
    app.bus.onSignal('agent.typing', ({ conversationId, name, typing }) => {
      const audience = visitors.audienceOf(conversationId);
      if (audience) ns.to(visitorRoom(audience.inboxId, audience.externalId)).volatile.emit('agent.typing', { name, typing });
    }),
    app.bus.onSignal('conversation.read', ({ conversationId, readAt }) => {
      const audience = visitors.audienceOf(conversationId);
      if (audience) ns.to(visitorRoom(audience.inboxId, audience.externalId)).emit('messages.seen', { readAt: new Date(readAt).toISOString() });
    }),
  ];
  io.engine.on('close', () => unsubscribe.forEach((u) => u()));

  registerChatLine({
    async deliver(out: OutboundMessage) {
      const externalId = chatOutboundId(out.message.id);
      const room = visitorRoom(out.inbox.id, out.contact.externalId ?? '');
      if (out.contact.externalId && (ns.adapter.rooms.get(room)?.size ?? 0) > 0) {
        const found = visitors.message(out.message.id);
        if (found) ns.to(room).emit('message.created', visitors.toWidgetMessage(found.m, out.message.authorName, publicUrl));
        return { ok: true, externalId };
      }
      if (out.contact.email && mailer) {
        try {
          await mailer.send({ to: out.contact.email, subject: `${out.message.authorName ?? out.inbox.name} replied to your chat`, text: replyMail(out, publicUrl) });
          return { ok: true, externalId };
        } catch (err) {
          return { ok: false, retry: true, error: `chat reply by email failed: ${err instanceof Error ? err.message : String(err)}` };
        }
      }
      // Nobody to reach now: the reply waits in the history for the visitor's return.
      return { ok: true, externalId };
    },
  });
  return ns;
}

function replyMail(out: OutboundMessage, publicUrl: string) {
  const who = out.message.authorName ?? out.inbox.name;
  return `${who} (${out.inbox.name}):\n\n${out.message.text}\n\n—\nYou left the chat before this reply arrived. Open the chat on the website again to continue the conversation.\n${publicUrl}`;
}

function onConnection(app: SwitchboardApp, io: AppServer, socket: WidgetSocket, visitors: ReturnType<typeof chatVisitorsOf>, banners: WidgetIncidentBanners) {
  const s = () => socket.data.session;
  const { inbox } = s();
  const publicUrl = app.env.publicUrl;
  void socket.join([visitorRoom(inbox.id, s().externalId), widgetInboxRoom(inbox.id)]);
  // A flood of events is dropped before any handler reads the database.
  socket.use((packet, next) => {
    const key = socket.id;
    if (widgetLimits.eventsPerSocket.blocked(key)) {
      const ack = packet.at(-1);
      if (typeof ack === 'function') ack({ ok: false, error: { code: 'rate_limited', message: 'too many events; slow down' } });
      return;
    }
    widgetLimits.eventsPerSocket.hit(key);
    next();
  });

  const contact = () => visitors.contact(inbox.id, s().externalId);
  const agentsOnline = () => visitors.agentsOnline(inbox.id, (id) => app.presence.status(id));
  const found = contact();
  socket.emit('session.ready', {
    // Sent back every time: a verified user's other devices share the thread, not the token.
    visitorToken: s().issuedToken ?? '',
    identified: s().identified,
    inboxName: inbox.name,
    agentsOnline: agentsOnline(),
    hasEmail: !!s().email,
    messages: found ? visitors.history(inbox.id, found.id, publicUrl) : [],
    survey: found ? widgetSurveyFor(app.db, app.csat.surveys, inbox.id, found.id) : null,
  });
  socket.emit('incident.banner', banners.current(inbox.id));

  socket.on('message:send', widgetCommand(WidgetSendCommand, ({ clientId, text }) => {
    spend([[widgetLimits.messagesPerVisitor, `v${s().visitor.id}`], [widgetLimits.messagesPerIp, socket.data.ip]], 'messages');
    const { messageId } = app.messages.ingest(inbox, {
      contact: { externalId: s().externalId, name: s().name, email: s().email },
      externalMessageId: `w:${s().visitor.id}:${clientId}`,
      text,
    });
    stopTyping();
    const stored = visitors.message(messageId);
    if (!stored) throw new AppError(500, 'internal', 'the message was not stored');
    return visitors.toWidgetMessage(stored.m, null, publicUrl);
  }));

  let typingConversation: number | null = null;
  let typingTimer: NodeJS.Timeout | undefined;
  const emitTyping = (conversationId: number, typing: boolean) => {
    const c = contact();
    if (!c) return;
    // Contacts type under a negative id, so a console never mistakes them for an agent.
    io.to(inboxAudience(inbox.id)).volatile.emit('typing', { seq: app.log.currentSeq(), conversationId, userId: -c.id, name: c.name, typing });
  };
  const stopTyping = () => {
    clearTimeout(typingTimer);
    if (typingConversation !== null) emitTyping(typingConversation, false);
    typingConversation = null;
  };
  socket.on('typing:set', widgetCommand(WidgetTypingCommand, ({ typing }) => {
    if (!typing) return stopTyping(), null;
    const c = contact();
    const conversationId = c ? visitors.latestConversation(inbox.id, c.id) : null;
    if (conversationId === null) return null;
    typingConversation = conversationId;
    emitTyping(conversationId, true);
    clearTimeout(typingTimer);
    typingTimer = setTimeout(stopTyping, TYPING_TTL_MS);
    return null;
  }));

  socket.on('messages:read', widgetCommand(WidgetReadCommand, ({ upToId, state }) => {
    const c = contact();
    if (c) markAgentMessages(app, visitors, inbox.id, c.id, upToId, state);
    return null;
  }));

  socket.on('email:set', widgetCommand(WidgetEmailCommand, ({ email }) => {
    const contactId = visitors.ensureContact(inbox.id, s().externalId, s().name, email);
    visitors.setEmail(contactId, email);
    socket.data.session = { ...s(), email };
    const conversationId = visitors.latestConversation(inbox.id, contactId);
    if (conversationId !== null) app.log.transact((events) => app.conversations.emitUpdated(events, conversationId, ['contact'], null));
    return null;
  }));

  socket.on('disconnect', () => stopTyping());
}
