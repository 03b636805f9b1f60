/**
 * The live chat widget's socket contract (namespace `/widget`). It is separate from the agent
 * contract in realtime-events.ts: a visitor's socket never joins an agent room and never sees
 * agent data beyond the name on a reply. Every client payload is checked with these schemas.
 */
import { z } from 'zod';
import { ClientId } from './schemas/common';
import { Severity } from './schemas/incident';

export { UPLOAD_MAX_BYTES, UPLOAD_TYPES, WIDGET_NAMESPACE } from './widget-constants';

/** Widget tokens are public (they sit in the host page's HTML), random and URL-safe. */
export const WidgetToken = z.string().regex(/^wgt_[A-Za-z0-9_-]{16,64}$/, 'not a widget token');
export const VisitorToken = z.string().regex(/^wvt_[A-Za-z0-9_-]{32,64}$/, 'not a visitor token');
/** An origin exactly as browsers send it: scheme, host and port, no path. */
export const WebOrigin = z
  .string()
  .trim()
  .max(300)
  .transform((s, ctx) => {
    try {
      const url = new URL(s);
      if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin === s.replace(/\/$/, '')) return url.origin;
    } catch {
      // falls through to the issue below
    }
    ctx.addIssue({ code: 'custom', message: 'must be an origin such as https://shop.example.com (no path)' });
    return z.NEVER;
  });

/** What the host page may say about its logged-in user; `userHash` is hex HMAC-SHA256(userId). */
export const WidgetIdentity = z
  .object({
    userId: z.string().trim().min(1).max(200),
    email: z.string().trim().email().max(320).optional(),
    name: z.string().trim().min(1).max(120).optional(),
    userHash: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be the hex HMAC-SHA256 of userId'),
  })
  .strict();
export type WidgetIdentity = z.infer<typeof WidgetIdentity>;

/** `auth` of the socket.io handshake. */
export const WidgetHandshake = z
  .object({
    widgetToken: WidgetToken,
    visitorToken: VisitorToken.optional(),
    /** The page embedding the widget, as the loader saw it; checked against allowedOrigins. */
    hostOrigin: WebOrigin.optional(),
    identity: WidgetIdentity.optional(),
  })
  .strict();
export type WidgetHandshake = z.input<typeof WidgetHandshake>;

export const VisitorText = z.string().trim().min(1, 'write something first').max(5_000);

export const WidgetSendCommand = z.object({ clientId: ClientId, text: VisitorText }).strict();
export const WidgetTypingCommand = z.object({ typing: z.boolean() }).strict();
/** The widget received (`delivered`) or showed (`read`) the agent's messages up to this id. */
export const WidgetReadCommand = z.object({ upToId: z.number().int().positive(), state: z.enum(['delivered', 'read']).default('read') }).strict();
export const WidgetEmailCommand = z.object({ email: z.string().trim().email('enter a valid email address').max(320) }).strict();

export const WidgetAttachment = z.object({ name: z.string(), url: z.string(), contentType: z.string(), size: z.number().int() });
export type WidgetAttachment = z.infer<typeof WidgetAttachment>;

/** One message as the visitor sees it: no private notes, no internal ids beyond its own. */
export const WidgetMessage = z.object({
  id: z.number().int(),
  clientId: z.string().nullable(),
  from: z.enum(['visitor', 'agent']),
  text: z.string(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
  /** Visitor messages: `sent` until an agent opened the conversation, then `read`. */
  status: z.enum(['sent', 'delivered', 'read']),
  attachment: WidgetAttachment.nullable(),
});
export type WidgetMessage = z.infer<typeof WidgetMessage>;

/** A satisfaction survey waiting for the visitor's answer; `token` is what `POST /api/csat/{token}` takes. */
export const WidgetSurvey = z.object({ token: z.string() });
export type WidgetSurvey = z.infer<typeof WidgetSurvey>;

export const WidgetSession = z.object({
  /** Keep it (localStorage) and send it back to continue as the same visitor. */
  visitorToken: z.string(),
  identified: z.boolean(),
  inboxName: z.string(),
  agentsOnline: z.boolean(),
  /** Whether an email address is known for replies while the visitor is away. */
  hasEmail: z.boolean(),
  messages: z.array(WidgetMessage),
  /** The resolved conversation's survey, while unanswered: the widget asks for a rating inline. */
  survey: WidgetSurvey.nullable(),
});
export type WidgetSession = z.infer<typeof WidgetSession>;

/** The active incident a chat shows its visitors: its customer-facing message only. */
export const WidgetIncidentBanner = z.object({
  incidentId: z.number().int(),
  severity: Severity,
  title: z.string(),
  message: z.string(),
  updatedAt: z.string(),
});
export type WidgetIncidentBanner = z.infer<typeof WidgetIncidentBanner>;

export type WidgetAckError = { code: string; message: string };
export type WidgetAck<T> = { ok: true; data: T } | { ok: false; error: WidgetAckError };
type AckFn<T> = (ack: WidgetAck<T>) => void;

export interface WidgetServerToClient {
  'session.ready': (session: WidgetSession) => void;
  'message.created': (message: WidgetMessage) => void;
  /** An agent opened the conversation at `readAt`: the visitor's earlier messages are read. */
  'messages.seen': (payload: { readAt: string }) => void;
  'agent.typing': (payload: { name: string; typing: boolean }) => void;
  'agents.online': (payload: { online: boolean }) => void;
  /** On connect and whenever incidents change: the incident to show as a banner, or none. */
  'incident.banner': (banner: WidgetIncidentBanner | null) => void;
  /** The conversation was resolved (a survey to answer) or reopened or rated (none). */
  'csat.survey': (survey: WidgetSurvey | null) => void;
}

export interface WidgetClientToServer {
  'message:send': (payload: z.input<typeof WidgetSendCommand>, ack: AckFn<WidgetMessage>) => void;
  'typing:set': (payload: z.input<typeof WidgetTypingCommand>, ack?: AckFn<null>) => void;
  'messages:read': (payload: z.input<typeof WidgetReadCommand>, ack?: AckFn<null>) => void;
  'email:set': (payload: z.input<typeof WidgetEmailCommand>, ack: AckFn<null>) => void;
}

/** Frame -> loader messages: UI state only (loader -> frame: see readHostMessage). */
export const FrameToHost = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sb:ready') }),
  z.object({ type: z.literal('sb:close') }),
  z.object({ type: z.literal('sb:unread'), count: z.number().int().min(0).max(999) }),
]);
