import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { WebOrigin } from '$lib/shared/widget-events';
import type { InboxConfig } from '../channel-adapter';

const Origins = z.array(WebOrigin).max(50);
/** The host site's server signs user ids with it; long enough not to be guessed. */
const IdentitySecret = z.string().min(16, 'must have at least 16 characters').max(200);

export const CreateChatSettings = z
  .object({ allowedOrigins: Origins.optional(), identitySecret: IdentitySecret.nullable().optional() })
  .strict();
export const UpdateChatSettings = z
  .object({ allowedOrigins: Origins, identitySecret: IdentitySecret.nullable(), rotateWidgetToken: z.boolean() })
  .partial()
  .strict();

const ChatConfig = z.object({
  widgetToken: z.string(),
  /** Empty: any site may embed the widget. */
  allowedOrigins: z.array(z.string()),
  identitySecret: z.string().nullable(),
});
export type ChatConfig = z.infer<typeof ChatConfig>;

export const readChatConfig = (config: InboxConfig): ChatConfig => ChatConfig.parse(config);
export const tryReadChatConfig = (config: InboxConfig): ChatConfig | null => ChatConfig.safeParse(config).data ?? null;

/** Public and only an address: it names the inbox, it grants nothing an agent could use. */
export const newWidgetToken = () => `wgt_${randomBytes(18).toString('base64url')}`;

const unique = (origins: string[]) => [...new Set(origins)];

export function setupChat(settings: z.output<typeof CreateChatSettings>): { config: ChatConfig } {
  return { config: { widgetToken: newWidgetToken(), allowedOrigins: unique(settings.allowedOrigins ?? []), identitySecret: settings.identitySecret ?? null } };
}

export function changeChat(current: InboxConfig, patch: z.output<typeof UpdateChatSettings>): { config: ChatConfig } {
  const config = { ...readChatConfig(current) };
  if (patch.allowedOrigins) config.allowedOrigins = unique(patch.allowedOrigins);
  if (patch.identitySecret !== undefined) config.identitySecret = patch.identitySecret;
  if (patch.rotateWidgetToken) config.widgetToken = newWidgetToken();
  return { config };
}

/** The exact tag to paste into a site. */
export const widgetSnippet = (publicUrl: string, widgetToken: string) => `<script src="${publicUrl}/widget.js" data-inbox="${widgetToken}" async></script>`;

/** Whether a page at `origin` may embed this inbox's widget. */
export const originPermitted = (config: ChatConfig, origin: string | null | undefined) =>
  config.allowedOrigins.length === 0 || (!!origin && config.allowedOrigins.includes(origin));

/** The CSP `frame-ancestors` value for the widget page. */
export const frameAncestors = (config: ChatConfig) => (config.allowedOrigins.length ? config.allowedOrigins.join(' ') : '*');
