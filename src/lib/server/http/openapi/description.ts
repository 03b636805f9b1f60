/**
 * `info.description`: how to authenticate, the conventions every route follows, and the realtime
 * (Socket.IO) contract of `$lib/shared/realtime-events.ts` and `$lib/shared/schemas/events.ts`.
 * Event and command names come from the generated schemas, so the list cannot drift.
 */
import type { GeneratedSchemas } from './schemas';

/** A component schema, by name (all are under `components.schemas`). */
const schemaLink = (id: string) => `\`${id}\``;

/** Notes on the socket events that their payload schemas do not say. */
const EVENT_NOTES: Record<string, string> = {
  'message.created': 'a message was added to a conversation (incoming, reply, note or system event)',
  'message.updated': 'a message changed, e.g. its delivery status',
  'conversation.created': 'a new conversation',
  'conversation.updated': 'status, assignee, priority, labels, subject or last message changed; `changes` says which',
  'presence.updated': 'a user went online, away or offline',
  'inbox.updated': 'an inbox or its members changed',
  'access.changed': "to one user only: their role or memberships changed; reload what you can see",
  'draft.updated': "to the draft's author only: a draft was saved or cleared (by a send) on another device or tab",
  'incident.declared': 'to every console: an incident was declared (show the banner)',
  'incident.updated': 'to every console: an incident got an update or was edited',
  'incident.resolved': 'to every console: an incident was resolved (clear the banner)',
  'incident.progress': 'to every console: sending an update to linked customers moved on (sent / failed / remaining)',
  'conversation.escalated': 'to each lead (and above) who sees the inbox: a conversation was escalated to them, with the reason',
  typing: 'volatile: not logged, not replayed by `sync`, expires after a few seconds',
  'session.ended': 'the session behind this socket ended (logout, disabled user, revoked access); the socket is disconnected',
  'metrics.live': 'to wallboards that joined with `wallboard:join`: the figures of their scope, sent (at most every 300 ms) when they change',
};

const COMMAND_NOTES: Record<string, string> = {
  sync: 'ack data: the same as `GET /api/sync` (' + schemaLink('SyncResult') + ')',
  'presence:set': '`online` or `away`; ack data `null`',
  'typing:set': 'ack data `null`',
  'viewing:set': 'ack data: the conversation\'s current ' + schemaLink('ConversationViewers') + ' (`null` after `conversationId: null`)',
  'conversation:read': 'ack data `null`',
  'message:create': 'ack data: the stored ' + schemaLink('Message') + '; idempotent on `clientId` like the REST route',
  'wallboard:join': 'lead or higher (else `forbidden`); ack data: the current ' + schemaLink('LiveMetrics') + '; join again after every reconnect',
};

export function buildDescription(g: GeneratedSchemas): string {
  const events = Object.entries(g.eventPayloads)
    .map(([event, id]) => `- \`${event}\` — ${schemaLink(id)}${EVENT_NOTES[event] ? `: ${EVENT_NOTES[event]}` : ''}`)
    .join('\n');
  const commands = Object.entries(g.commandPayloads)
    .map(([command, id]) => `- \`${command}\` — ${schemaLink(id)}${COMMAND_NOTES[command] ? `; ${COMMAND_NOTES[command]}` : ''}`)
    .join('\n');

  return `Switchboard is a realtime omnichannel support inbox. This is its HTTP API; the console uses the same routes.

## Authentication
- **Session cookie** \`sb_session\` (\`cookieAuth\`), set by \`POST /api/auth/login\`: HttpOnly, SameSite=Lax. A cookie-authenticated POST, PATCH or DELETE from a foreign \`Origin\` answers 403 \`cross_site\`.
- **Personal API token** (\`bearerAuth\`): \`Authorization: Bearer sbp_...\`, created with \`POST /api/tokens\`. Works on every route as its owner, and for the socket handshake.
- **Inbound token** (\`inboundToken\`): \`Authorization: Bearer sbi_...\`, an \`api\` inbox's own token, only for \`POST /api/inboxes/{id}/inbound\`.

Roles rank agent < lead < supervisor < admin. Agents and leads see only conversations of inboxes they are members of; anything else answers **404** (never 403), so its existence is not revealed. Supervisors and admins see every inbox.

## Conventions
- Bodies are JSON (\`Content-Type: application/json\`, otherwise 415) of at most 1,000,000 bytes (413). Unknown fields, wrong types and malformed JSON answer 400; nothing is half-written.
- Every error has the shape ${schemaLink('ApiErrorBody')}: \`{"error": {"code", "message", "issues"?}}\`. Unknown routes under \`/api\` answer 404 \`not_found\`.
- Ids in paths are positive integers; anything else answers 404.
- Lists are cursor-paginated: conversations with \`cursor\` = \`nextCursor\`, a thread with \`before\` = \`prevCursor\`.
- Idempotency: replies on \`clientId\`, inbound messages on \`externalMessageId\`, declaring incidents and posting their updates on the \`Idempotency-Key\` header; a repeat answers 200 with what was stored the first time instead of 201.
- API responses are \`Cache-Control: no-store\`.

## Realtime (Socket.IO)
Socket.IO runs on the same origin and port as this API (default path \`/socket.io/\`). The handshake is authenticated by the session cookie or by a personal API token in \`auth.token\` (\`io(url, { auth: { token: 'sbp_...' } })\`); a foreign \`Origin\` is refused. The server computes each socket's rooms from the user's role and memberships, so a socket only receives events of conversations its user may see, and recomputes them when access changes. The payload schemas named below are in \`components.schemas\`.

**Server -> client events.** Each payload carries the \`seq\` of the event log (\`typing\` carries the current one) and is the same payload \`GET /api/sync\` returns as ${schemaLink('LoggedEvent')}:
${events}

**Client -> server commands.** Payloads are validated; every command is answered through the Socket.IO acknowledgement with \`{"ok": true, "data": ...}\` or \`{"ok": false, "error": {"code", "message"}}\`:
${commands}

**Catching up.** On every (re)connect, a client sends \`sync\` (or calls \`GET /api/sync\`) with the last \`seq\` it has applied and repeats while \`hasMore\` is true; applying events by \`seq\` once each leaves it complete with no duplicates, also after a dropped network or a server restart.

## API channel
Create an inbox with \`{"name", "channel": "api", "webhookUrl"?}\` to get its \`inboundToken\` and \`webhookSecret\`. Push customer messages with \`POST /api/inboxes/{id}/inbound\`; agent replies are POSTed, signed, to the \`webhookUrl\` (see \`webhooks\`).

## Chat widget (Socket.IO namespace \`/widget\`)
Create an inbox with \`{"name", "channel": "chat", "allowedOrigins"?, "identitySecret"?}\`; its settings carry \`widgetToken\` and \`widgetSnippet\`. The widget frame connects to the namespace \`/widget\` with \`auth: {widgetToken, visitorToken?, hostOrigin?, identity?}\` (schemas in \`src/lib/shared/widget-events.ts\`). A refused handshake fails with \`err.data.code\`: \`invalid_handshake\`, \`unknown_widget\`, \`origin_not_allowed\`, \`invalid_identity\`, \`rate_limited\`. Server -> visitor: \`session.ready\` (visitor token when new, history), \`message.created\`, \`messages.seen\`, \`agent.typing\`, \`agents.online\`, \`incident.banner\` (on connect and whenever incidents change: \`{incidentId, severity, title, message, updatedAt}\` of the most severe active incident concerning this inbox, or \`null\`). \`session.ready\` carries \`survey\` and \`csat.survey\` follows it: \`{token}\` while the visitor's resolved conversation waits for a satisfaction rating (answer with \`POST /api/csat/{token}\`), \`null\` once it is answered or reopened. Visitor -> server, acknowledged like the agent commands: \`message:send\` {clientId, text}, \`typing:set\`, \`messages:read\` {upToId, state}, \`email:set\`. Visitor sockets never join agent rooms.`;
}
