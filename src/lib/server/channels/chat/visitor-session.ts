import { AppError } from '../../errors';
import type { WidgetIdentity } from '$lib/shared/widget-events';
import type { ChatInbox, ChatVisitors, Visitor } from './chat-visitors';
import { identityValid } from './identity';
import { originPermitted } from './chat-settings';

/** Who is writing through the widget on this connection or request. */
export interface VisitorSession {
  inbox: ChatInbox;
  visitor: Visitor;
  /** Set only when the visitor was just created: the browser must keep it. */
  issuedToken: string | null;
  /** The contact identity in the inbox: the verified user id, or the browser's own. */
  externalId: string;
  name: string;
  email: string | null;
  identified: boolean;
}

export interface SessionRequest {
  widgetToken: string;
  visitorToken?: string;
  hostOrigin?: string;
  identity?: WidgetIdentity;
  /** A new visitor may be created (the socket handshake); uploads need an existing one. */
  mayIssue: boolean;
}

/**
 * Every check before a visitor may read or write, in order: the widget exists, the embedding
 * site is allowed, a claimed identity is signed. Nothing is stored until all of them pass.
 */
export function openVisitorSession(visitors: ChatVisitors, req: SessionRequest): VisitorSession {
  const inbox = visitors.inboxByWidgetToken(req.widgetToken);
  if (!inbox) throw new AppError(404, 'unknown_widget', 'no chat inbox has this widget token');
  if (!originPermitted(inbox.chat, req.hostOrigin)) {
    throw new AppError(403, 'origin_not_allowed', `this chat may not be embedded on ${req.hostOrigin ?? 'a page that does not say its origin'}`);
  }
  // A claim is only trusted when the inbox can check it; without a secret it is ignored.
  const identity = req.identity && inbox.chat.identitySecret ? req.identity : null;
  if (identity && !identityValid(inbox.chat.identitySecret!, identity)) {
    throw new AppError(401, 'invalid_identity', 'userHash is not the HMAC-SHA256 of userId with this inbox’s identity secret');
  }
  let visitor = req.visitorToken ? visitors.resume(inbox.id, req.visitorToken) : null;
  let issuedToken: string | null = null;
  if (!visitor) {
    if (!req.mayIssue) throw new AppError(401, 'unknown_visitor', 'the visitor token is missing or unknown; reopen the chat');
    ({ visitor, token: issuedToken } = visitors.issue(inbox.id));
  }
  const externalId = identity ? identity.userId : visitor.externalId;
  const known = visitors.contact(inbox.id, externalId);
  const name = identity?.name ?? known?.name ?? `Visitor ${visitor.externalId.slice(-4).toUpperCase()}`;
  return { inbox, visitor, issuedToken, externalId, name, email: identity?.email ?? known?.email ?? null, identified: !!identity };
}
