/**
 * `paths`: one entry per `+server.ts` route under `src/routes/api` (plus `/healthz`). The
 * OpenAPI spec test fails when a route or an exported method has no operation here.
 */
import { operation, pathParams, type Method, type OperationSpec } from './operations';
import { schemaRef as ref, type GeneratedSchemas } from './schemas';
import { buildSocialPaths } from './social-paths';
import { buildChatPaths } from './chat-paths';
import { buildEmailPaths } from './email-paths';
import { buildEmailViewPaths } from './email-view-paths';
import { buildKnowledgePaths } from './knowledge-paths';
import { buildSlaPaths } from './sla-paths';
import { buildMetricsPaths } from './metrics-paths';
import { buildCrisisPaths } from './crisis-paths';
import { buildStatusPaths } from './status-paths';
import { buildFloorPaths } from './floor-paths';
import { buildCsatPaths } from './csat-paths';
import { buildCollabPaths } from './collab-paths';

const setCookie = {
  'Set-Cookie': {
    description:
      'The session cookie `sb_session` (HttpOnly, SameSite=Lax, Path=/, Secure over https), plus `sb_locale` when the user has chosen a language.',
    schema: { type: 'string' },
    example: 'sb_session=Yf3...; Path=/; HttpOnly; SameSite=Lax',
  },
};

export function buildPaths(g: GeneratedSchemas) {
  const paths: Record<string, Record<string, unknown>> = {};
  const route = (path: string, ops: Partial<Record<Method, OperationSpec>>) => {
    const params = pathParams(path);
    paths[path] = {
      ...(params.length ? { parameters: params } : {}),
      ...Object.fromEntries(Object.entries(ops).map(([method, spec]) => [method, operation(method as Method, path, spec)])),
    };
  };
  const oneOfChannels = (key: 'create' | 'patch', combinator: 'oneOf' | 'anyOf') =>
    g.channels.length === 1 ? ref(g.channels[0][key]) : { [combinator]: g.channels.map((c) => ref(c[key])) };

  // ---- Auth ------------------------------------------------------------------------------
  route('/api/auth/login', {
    post: {
      tag: 'Auth',
      operationId: 'login',
      summary: 'Log in',
      description:
        'Checks the password and starts a session: the answer sets the HttpOnly `sb_session` cookie used by the console and the socket handshake. More than 10 failed logins within a minute for one account or one address answer 429.',
      auth: 'none',
      body: { schema: ref('LoginBody') },
      success: { 200: { description: 'Logged in.', schema: ref('UserEnvelope'), headers: setCookie } },
      errors: { 401: [['invalid_credentials', 'wrong email or password']] },
      responses: { 429: { $ref: '#/components/responses/TooManyRequests' } },
    },
  });

  route('/api/auth/logout', {
    post: {
      tag: 'Auth',
      operationId: 'logout',
      summary: 'Log out',
      description: 'Ends the session behind the cookie (its open sockets receive `session.ended` and are disconnected) and clears the cookie. With a Bearer token there is no session to end; the answer is the same.',
      success: { 200: { description: 'Logged out.', schema: ref('Ok') } },
    },
  });

  route('/api/me', {
    get: {
      tag: 'Auth',
      operationId: 'getMe',
      summary: 'The caller',
      success: { 200: { description: 'The logged-in user.', schema: ref('UserEnvelope') } },
    },
    patch: {
      tag: 'Auth',
      operationId: 'updateMe',
      summary: 'Change own name, language, settings or password',
      description: 'A new `password` needs the `currentPassword`.',
      body: { schema: ref('PatchMeBody') },
      success: { 200: { description: 'The updated user.', schema: ref('UserEnvelope') } },
      errors: { 400: [['wrong_password', 'the current password is not right'], ['bad_request', 'nothing to change']] },
    },
  });

  // ---- Users -----------------------------------------------------------------------------
  route('/api/users', {
    get: {
      tag: 'Users',
      operationId: 'listUsers',
      summary: 'List users',
      description: 'Every user, with live presence (for assignee pickers). Any logged-in user may list them.',
      success: { 200: { description: 'All users, by name.', schema: ref('UserList') } },
    },
    post: {
      tag: 'Users',
      operationId: 'createUser',
      summary: 'Create a user',
      description: 'Admin only.',
      role: 'admin',
      body: { schema: ref('CreateUserBody') },
      success: { 201: { description: 'The new user.', schema: ref('User') } },
      errors: { 409: [['email_taken', 'a user with this email exists']] },
    },
  });

  route('/api/users/{id}', {
    patch: {
      tag: 'Users',
      operationId: 'updateUser',
      summary: 'Change a user',
      description:
        'Admin only. Changing the role takes effect on the user\'s open sockets at once; disabling the user or setting a password ends their sessions. The last active admin cannot be demoted or disabled.',
      role: 'admin',
      notFound: 'user',
      body: { schema: ref('PatchUserBody') },
      success: { 200: { description: 'The updated user.', schema: ref('User') } },
      errors: { 409: [['last_admin', 'the last admin cannot be demoted or disabled']] },
    },
  });

  // ---- Tokens ----------------------------------------------------------------------------
  route('/api/tokens', {
    get: {
      tag: 'Tokens',
      operationId: 'listTokens',
      summary: "List the caller's API tokens",
      success: { 200: { description: 'The tokens, newest first (without their secrets).', schema: ref('ApiTokenList') } },
    },
    post: {
      tag: 'Tokens',
      operationId: 'createToken',
      summary: 'Create a personal API token',
      description: 'The token (`sbp_...`) is returned only in this answer. It acts as its owner on every API route (`Authorization: Bearer`) and in the socket handshake (`auth.token`).',
      body: { schema: ref('CreateTokenBody') },
      success: { 201: { description: 'The new token, with its secret.', schema: ref('CreatedApiToken') } },
    },
  });

  route('/api/tokens/{id}', {
    delete: {
      tag: 'Tokens',
      operationId: 'revokeToken',
      summary: 'Revoke one of the caller\'s API tokens',
      notFound: 'token',
      success: { 200: { description: 'Revoked.', schema: ref('Ok') } },
    },
  });

  // ---- Inboxes ---------------------------------------------------------------------------
  const channelList = g.channels.map((c) => `\`${c.kind}\``).join(', ');
  route('/api/inboxes', {
    get: {
      tag: 'Inboxes',
      operationId: 'listInboxes',
      summary: 'List inboxes',
      description: 'The inboxes the caller may see: agents and leads those they are members of, supervisors and admins all.',
      success: { 200: { description: 'Inboxes, by name.', schema: ref('InboxList') } },
    },
    post: {
      tag: 'Inboxes',
      operationId: 'createInbox',
      summary: 'Create an inbox',
      description: `Admin only. \`name\`, \`channel\` and that channel's settings. Available channels: ${channelList}. An \`api\` inbox answers with its \`inboundToken\` and \`webhookSecret\`, shown only this once.`,
      role: 'admin',
      body: { schema: oneOfChannels('create', 'oneOf') },
      success: { 201: { description: 'The new inbox, with the secrets shown once.', schema: ref('InboxWithSecrets') } },
      errors: {
        400: [
          ['invalid_settings', 'webhookUrl: must be an http or https URL'],
          ['unsupported_channel', 'the email channel is not available'],
        ],
      },
    },
  });

  route('/api/inboxes/{id}', {
    get: {
      tag: 'Inboxes',
      operationId: 'getInbox',
      summary: 'Get an inbox',
      notFound: 'inbox',
      success: { 200: { description: 'The inbox.', schema: ref('Inbox') } },
    },
    patch: {
      tag: 'Inboxes',
      operationId: 'updateInbox',
      summary: 'Change an inbox',
      description:
        'Admin only. `name` and the channel\'s settings. For an `api` inbox `rotateInboundToken` / `rotateWebhookSecret` replace a secret; the new one is in the answer, shown only this once.',
      role: 'admin',
      notFound: 'inbox',
      body: { schema: oneOfChannels('patch', 'anyOf') },
      success: { 200: { description: 'The updated inbox, with any rotated secret.', schema: ref('InboxWithSecrets') } },
      errors: { 400: [['invalid_settings', 'rotateInboundToken: Invalid input: expected boolean, received string']] },
    },
  });

  route('/api/inboxes/{id}/members', {
    post: {
      tag: 'Inboxes',
      operationId: 'addInboxMember',
      summary: 'Add a member to an inbox',
      description: "Admin only. Takes effect on the user's open sockets at once. Adding a member again changes nothing.",
      role: 'admin',
      notFound: 'inbox',
      body: { schema: ref('AddMemberBody') },
      success: { 201: { description: 'The inbox with its members.', schema: ref('Inbox') } },
      errors: { 400: [['unknown_user', 'no such user']] },
    },
  });

  route('/api/inboxes/{id}/members/{userId}', {
    delete: {
      tag: 'Inboxes',
      operationId: 'removeInboxMember',
      summary: 'Remove a member from an inbox',
      description: "Admin only. The user stops seeing the inbox's conversations at once, on REST and on open sockets.",
      role: 'admin',
      notFound: 'inbox',
      success: { 200: { description: 'The inbox with its members.', schema: ref('Inbox') } },
      errors: { 404: [['not_found', 'member not found']] },
    },
  });

  // ---- Contacts --------------------------------------------------------------------------
  route('/api/contacts', {
    get: {
      tag: 'Contacts',
      operationId: 'searchContacts',
      summary: 'Search contacts',
      description:
        "Contacts whose name, email or channel id contains `q`, among those the caller can see: a contact is visible through a conversation or an identity in one of the caller's inboxes (supervisors and admins see all). For the merge picker; at most `limit`, by name.",
      query: g.query('contacts'),
      success: { 200: { description: 'Matching contacts.', schema: ref('ContactList') } },
    },
  });

  route('/api/contacts/{id}', {
    get: {
      tag: 'Contacts',
      operationId: 'getContact',
      summary: 'Get a contact with their conversations',
      description: 'The contact, their identities in inboxes the caller can see, and their conversations the caller can see, on every channel. A contact the caller cannot see answers 404.',
      notFound: 'contact',
      success: { 200: { description: 'The contact.', schema: ref('ContactDetail') } },
    },
  });

  route('/api/contacts/{id}/merge', {
    post: {
      tag: 'Contacts',
      operationId: 'mergeContacts',
      summary: 'Merge another contact into this one',
      description:
        "Lead or higher, and the caller must see both contacts (else 404). In one transaction, the source contact's identities, conversations and message authorship move to this contact, which keeps its name and email unless they are empty; then the source is deleted. Each moved or renamed conversation is broadcast as `conversation.updated` (changes `contact`). Merging a contact that was already merged answers 404. Two contacts with identities in the same inbox are refused (409), since a reply there could reach the wrong person.",
      role: 'lead',
      notFound: 'contact',
      body: { schema: ref('MergeContactBody') },
      success: { 200: { description: 'The merged contact.', schema: ref('ContactDetail') } },
      errors: {
        400: [['same_contact', 'a contact cannot be merged into itself']],
        409: [['identity_conflict', 'both contacts have an identity in the same inbox; replies there could reach the wrong person']],
      },
    },
  });

  // ---- API channel -----------------------------------------------------------------------
  route('/api/inboxes/{id}/inbound', {
    post: {
      tag: 'API channel',
      operationId: 'postInboundMessage',
      summary: 'Push a customer message into an API inbox',
      description:
        "Authenticated by the inbox's own token (`Authorization: Bearer sbi_...`), not by a user. Deduplicated on `externalMessageId`: sending the same one again answers 200 with the same ids and stores nothing. A known contact (`contact.externalId`) with an open conversation (of the same `threadId`, when given) continues it; otherwise a new conversation starts. An unknown inbox, or one of another channel, answers 401 like a wrong token.",
      auth: 'inbound',
      notFound: 'inbox',
      body: { schema: ref('ApiInboundBody') },
      success: {
        201: { description: 'Stored: a new message.', schema: ref('InboundResult') },
        200: { description: 'This `externalMessageId` was stored before: the same ids, nothing new stored.', schema: ref('InboundResult') },
      },
      errors: { 400: [['empty_message', 'the message has no text']] },
    },
  });

  // ---- Conversations ---------------------------------------------------------------------
  route('/api/conversations', {
    get: {
      tag: 'Conversations',
      operationId: 'listConversations',
      summary: 'List and search conversations',
      description: 'Filtered and sorted by last activity (newest first), cursor-paginated. Only conversations of inboxes the caller may see. Unknown query parameters answer 400.',
      query: g.query('conversations'),
      success: { 200: { description: 'One page.', schema: ref('ConversationPage') } },
      errors: { 400: [['invalid_cursor', 'the cursor is not valid']] },
    },
  });

  route('/api/conversations/counts', {
    get: {
      tag: 'Conversations',
      operationId: 'countConversations',
      summary: 'Open and unread counts per view and inbox',
      success: { 200: { description: 'The counts.', schema: ref('ConversationCounts') } },
    },
  });

  route('/api/labels', {
    get: {
      tag: 'Conversations',
      operationId: 'listLabels',
      summary: 'Labels in use, with counts',
      success: { 200: { description: 'The labels, by name.', schema: ref('LabelList') } },
    },
  });

  route('/api/conversations/bulk', {
    post: {
      tag: 'Conversations',
      operationId: 'bulkUpdateConversations',
      summary: 'Assign, label, prioritise or change the status of many conversations',
      description:
        'Each conversation is changed in its own transaction; those that cannot be (not found, not visible, invalid change) are listed in `failed` with the error code, and the others still change.',
      body: { schema: ref('BulkBody') },
      success: { 200: { description: 'What was and was not changed.', schema: ref('BulkResult') } },
    },
  });

  const conversationErrors: OperationSpec['errors'] = {
    400: [
      ['snooze_needs_time', 'snoozing needs snoozedUntil'],
      ['snooze_in_past', 'snoozedUntil must be in the future'],
      ['snooze_needs_status', 'snoozedUntil goes only with status snoozed'],
      ['unknown_assignee', 'no such user'],
      ['assignee_not_member', 'Ada is not a member of this inbox'],
    ],
  };
  route('/api/conversations/{id}', {
    get: {
      tag: 'Conversations',
      operationId: 'getConversation',
      summary: 'Get a conversation',
      description: 'With the contact and its identities. A conversation of an inbox the caller may not see answers 404, as if it did not exist.',
      notFound: 'conversation',
      success: { 200: { description: 'The conversation.', schema: ref('ConversationDetail') } },
    },
    patch: {
      tag: 'Conversations',
      operationId: 'updateConversation',
      summary: 'Change status, snooze, assignee, priority, labels or subject',
      description:
        'Status changes and assignments add a system message to the thread. Only members of the inbox (or supervisors and admins) can be assigned. Every change is broadcast as `conversation.updated`.',
      notFound: 'conversation',
      body: { schema: ref('PatchConversationBody') },
      success: { 200: { description: 'The updated conversation.', schema: ref('ConversationDetail') } },
      errors: conversationErrors,
    },
  });

  route('/api/conversations/{id}/read', {
    post: {
      tag: 'Conversations',
      operationId: 'markConversationRead',
      summary: 'Mark a conversation read for the caller',
      notFound: 'conversation',
      success: { 200: { description: 'Marked read.', schema: ref('Ok') } },
    },
  });

  // ---- Messages --------------------------------------------------------------------------
  route('/api/conversations/{id}/messages', {
    get: {
      tag: 'Messages',
      operationId: 'listMessages',
      summary: 'A page of the thread',
      description: 'Newest last. Page back in time with `before` = `prevCursor`.',
      notFound: 'conversation',
      query: g.query('messages'),
      success: { 200: { description: 'One page.', schema: ref('MessagePage') } },
    },
    post: {
      tag: 'Messages',
      operationId: 'createMessage',
      summary: 'Reply or add a private note',
      description:
        'A reply (`private: false`) is delivered through the inbox\'s channel by a durable job queue: its `status` goes `queued` -> `sent` or `failed` (with `error`), announced as `message.updated`. A private note is stored `sent` and never leaves Switchboard. Idempotent on `clientId`: the same `clientId` in the same conversation again (also concurrently) answers 200 with the stored message, never a second copy.',
      notFound: 'conversation',
      body: { schema: ref('CreateMessageBody') },
      success: {
        201: { description: 'The new message.', schema: ref('Message') },
        200: { description: 'A message with this `clientId` was stored before: that message.', schema: ref('Message') },
      },
      // A channel may refuse a reply it would not deliver (ChannelAdapter.canSend).
      errors: {
        400: [
          ['message_too_long', 'Messenger takes at most 2000 characters in one message'],
          ['unsupported_for_channel', 'cc is not supported for this channel'],
          ['unknown_attachment', 'attachmentIds must name files uploaded to this conversation and not yet sent'],
        ],
        409: [['whatsapp_window_closed', "WhatsApp takes free-text replies only within 24 hours of the customer's last message; the customer has to write again first"]],
      },
    },
  });

  route('/api/conversations/{id}/draft', {
    get: {
      tag: 'Drafts',
      operationId: 'getDrafts',
      summary: "The caller's drafts for this conversation",
      description: 'Reply and note drafts of the caller only (drafts are personal). Revision 0 and an empty text when nothing was saved.',
      notFound: 'conversation',
      success: { 200: { description: 'Both drafts.', schema: ref('DraftPair') } },
    },
    put: {
      tag: 'Drafts',
      operationId: 'saveDraft',
      summary: 'Save a draft (compare-and-set)',
      description:
        'Saved only when `baseRevision` equals the stored revision (0 for a first save); the answer carries the new revision, and the author\'s other devices get `draft.updated`. A stale `baseRevision` saves nothing and answers 409 with the stored draft, so two devices never overwrite each other silently. The email fields (`subject`, `cc`, `attachmentIds`) are saved and compared with the text, on the same revision. Sending a reply or note clears the matching draft, fields included, on every device.',
      notFound: 'conversation',
      body: { schema: ref('PutDraftBody') },
      success: { 200: { description: 'The saved draft.', schema: ref('Draft') } },
      responses: { 409: { description: 'The draft changed elsewhere: `current` is the stored one.', content: { 'application/json': { schema: ref('DraftConflict') } } } },
    },
  });

  // ---- Background notifications ----------------------------------------------------------
  route('/api/push/key', {
    get: {
      tag: 'Push',
      operationId: 'getPushKey',
      summary: 'The VAPID public key',
      description: 'Generated on first start and kept, so subscriptions stay valid across restarts.',
      success: { 200: { description: 'The key.', schema: ref('PushKey') } },
    },
  });
  route('/api/push/subscriptions', {
    get: {
      tag: 'Push',
      operationId: 'listPushSubscriptions',
      summary: 'The caller’s opted-in browsers',
      description:
        'Endpoints only, never keys. A browser compares its own subscription with this list to tell whether it still gets the caller’s notifications (another user may have taken the endpoint over, or the push service reported it gone).',
      success: { 200: { description: 'The subscriptions.', schema: ref('PushDeviceList') } },
    },
    post: {
      tag: 'Push',
      operationId: 'subscribePush',
      summary: 'Opt this browser in to background notifications',
      description:
        'Stores the subscription for the caller (one per endpoint; subscribing again takes it over). The caller then gets a Web Push notification for a conversation newly assigned to them by someone else, an @mention and a declared incident, shown by the service worker even with no tab open. Subscriptions the push service reports gone (404/410) are removed.',
      body: { schema: ref('PushSubscriptionBody') },
      success: { 201: { description: 'Subscribed.', schema: ref('Ok') } },
      errors: { 400: [['invalid_push_endpoint', 'a push endpoint must be an https URL']] },
    },
    delete: {
      tag: 'Push',
      operationId: 'unsubscribePush',
      summary: 'Opt this browser out',
      body: { schema: ref('PushUnsubscribeBody') },
      success: { 200: { description: 'Unsubscribed (also when it was not subscribed).', schema: ref('Ok') } },
    },
  });

  // ---- Sync and presence -----------------------------------------------------------------
  route('/api/sync', {
    get: {
      tag: 'Sync',
      operationId: 'sync',
      summary: 'Events after a sequence number',
      description:
        'Replays the event log: every change is written with a `seq` in the same transaction. Only events the caller may see are included. Same payloads as the socket events; used on every (re)connect to catch up without duplicates.',
      query: g.query('sync'),
      success: { 200: { description: 'Events, oldest first.', schema: ref('SyncResult') } },
    },
  });

  route('/api/presence', {
    get: {
      tag: 'Presence',
      operationId: 'listPresence',
      summary: 'Who is online',
      description: 'Users with an open socket or seen since the server started; live changes arrive as `presence.updated`.',
      success: { 200: { description: 'Presence of users.', schema: ref('PresenceList') } },
    },
  });

  // ---- System ----------------------------------------------------------------------------
  route('/api/openapi.json', {
    get: {
      tag: 'System',
      operationId: 'getOpenApiDocument',
      summary: 'This OpenAPI document',
      auth: 'none',
      success: { 200: { description: 'The OpenAPI 3.1 document.', schema: { type: 'object' } } },
    },
  });

  route('/healthz', {
    get: {
      tag: 'System',
      operationId: 'health',
      summary: 'Health check',
      description: 'Answers 200 once the database is open and its migrations are applied.',
      auth: 'none',
      success: { 200: { description: 'Healthy.', schema: ref('Ok') } },
    },
  });

  Object.assign(paths, buildSocialPaths(), buildChatPaths(), buildEmailPaths(), buildEmailViewPaths(), buildSlaPaths(), buildKnowledgePaths(), buildMetricsPaths(g));
  Object.assign(paths, buildFloorPaths());
  Object.assign(paths, buildCrisisPaths(g));
  Object.assign(paths, buildStatusPaths());
  Object.assign(paths, buildCsatPaths());
  Object.assign(paths, buildCollabPaths(g));
  return paths;
}
