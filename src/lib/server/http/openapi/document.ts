/** Assembles the OpenAPI 3.1 document from its parts; see `../openapi.ts`. */
import { buildDescription } from './description';
import { sharedResponses } from './operations';
import { buildPaths } from './paths';
import { generateSchemas } from './schemas';
import { buildWebhooks } from './webhooks';

export const TAGS = [
  { name: 'Auth', description: 'Logging in and out; the caller and their own settings.' },
  { name: 'Users', description: 'Team members and their roles (creating and changing them is for admins).' },
  { name: 'Tokens', description: 'Personal API tokens (`sbp_...`) for integrations and scripts.' },
  { name: 'Inboxes', description: 'Inboxes, their channel settings and members.' },
  { name: 'API channel', description: 'The generic API channel: authenticated inbound HTTP, signed outbound webhook.' },
  { name: 'Meta channel', description: 'Messenger, Instagram and WhatsApp Cloud API webhooks (signed with the app secret).' },
  { name: 'Telegram channel', description: 'Telegram bot webhooks (secret token header) and webhook registration.' },
  { name: 'Chat widget', description: 'The website chat widget’s HTTP side: visitor uploads and their files. The widget itself talks over the Socket.IO namespace `/widget`.' },
  { name: 'Conversations', description: 'Listing, searching and working conversations.' },
  { name: 'Contacts', description: 'Customers across channels: their identities, conversations, and merging two into one.' },
  { name: 'Messages', description: 'The thread of a conversation: replies and private notes.' },
  { name: 'Drafts', description: 'Unsent replies and notes, synced between one agent\'s devices with compare-and-set revisions.' },
  { name: 'Knowledge', description: 'Canned responses and short articles: searched from the composer, kept by leads.' },
  { name: 'Crisis', description: 'Crisis mode: declaring incidents, updating linked customers, reports and the audit log.' },
  { name: 'Push', description: 'Opting browsers in to Web Push notifications.' },
  { name: 'SLA', description: 'Service-level policies: first response and resolution targets by inbox and priority, with business hours and holidays.' },
  { name: 'Metrics', description: 'The live wallboard figures and reports computed from the event history.' },
  { name: 'Mentions', description: '@mentions of the caller in private notes: their Mentions view and its unread count.' },
  { name: 'Sync', description: 'Replaying the event log after a sequence number.' },
  { name: 'Presence', description: 'Who is online, away or offline.' },
  { name: 'Satisfaction', description: 'Customer satisfaction surveys: the public answer link and what the console reads.' },
  { name: 'Status page', description: 'The public status page’s data: JSON and an Atom feed, no login.' },
  { name: 'System', description: 'Health and this document.' },
];

export function buildOpenApiDocument(publicUrl: string) {
  const generated = generateSchemas();
  return {
    openapi: '3.1.0',
    info: {
      title: 'Switchboard API',
      version: '1',
      summary: 'Realtime omnichannel support inbox: REST API, API channel webhook and realtime contract.',
      description: buildDescription(generated),
    },
    servers: [{ url: publicUrl }],
    security: [{ cookieAuth: [] }, { bearerAuth: [] }],
    tags: TAGS,
    paths: buildPaths(generated),
    webhooks: buildWebhooks(),
    components: {
      schemas: generated.schemas,
      responses: sharedResponses(),
      securitySchemes: {
        cookieAuth: {
          type: 'apiKey',
          in: 'cookie',
          name: 'sb_session',
          description: 'The session cookie set by `POST /api/auth/login` (HttpOnly, SameSite=Lax).',
        },
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'sbp_...',
          description: 'A personal API token (starts with `sbp_`), created with `POST /api/tokens`.',
        },
        inboundToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'sbi_...',
          description: "An API inbox's own inbound token (starts with `sbi_`), shown when the inbox is created or the token rotated. Only for `POST /api/inboxes/{id}/inbound`.",
        },
      },
    },
  };
}
