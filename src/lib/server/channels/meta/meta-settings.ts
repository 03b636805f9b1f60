import { z } from 'zod';
import type { InboxConfig } from '../channel-adapter';

export const DEFAULT_GRAPH_API_BASE_URL = 'https://graph.facebook.com';
export const DEFAULT_GRAPH_API_VERSION = 'v21.0';

/** The account that receives and sends: a Facebook Page (Messenger, Instagram) or a WhatsApp number. */
export type AccountField = 'pageId' | 'phoneNumberId';

/** What the Meta code works with, whatever the variant calls its account id. */
export interface MetaConfig {
  appSecret: string;
  verifyToken: string;
  accessToken: string;
  accountId: string;
  graphApiBaseUrl: string;
  graphApiVersion: string;
}

const Secret = z.string().trim().min(1).max(2000);
const HttpUrl = z
  .string()
  .url()
  .max(2000)
  .refine((u) => /^https?:\/\//.test(u), 'must be an http or https URL');
const GraphVersion = z.string().regex(/^v\d{1,3}\.\d{1,2}$/, 'must look like v21.0');
const NumericId = z.string().trim().regex(/^\d{1,30}$/, 'must be the numeric id Meta shows');

const common = { appSecret: Secret, verifyToken: Secret, accessToken: Secret, graphApiBaseUrl: HttpUrl.optional(), graphApiVersion: GraphVersion.optional() };

/** Create and update schemas, and the stored config, of one Meta variant. */
export function metaSettings(account: AccountField) {
  const id: Record<string, typeof NumericId> = { [account]: NumericId };
  const create = z.object({ ...common, ...id }).strict();
  const update = z.object({ ...common, ...id }).partial().strict();
  const stored = z.object({ ...common, ...id, graphApiBaseUrl: HttpUrl, graphApiVersion: GraphVersion });

  // Defaults are written into the stored config, so a later change of default moves no inbox.
  const normalise = (settings: z.output<typeof update>, current: Partial<z.output<typeof stored>> = {}): InboxConfig =>
    stored.parse({
      ...current,
      ...Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)),
      graphApiBaseUrl: (settings.graphApiBaseUrl ?? current.graphApiBaseUrl ?? DEFAULT_GRAPH_API_BASE_URL).replace(/\/+$/, ''),
      graphApiVersion: settings.graphApiVersion ?? current.graphApiVersion ?? DEFAULT_GRAPH_API_VERSION,
    });

  function read(config: InboxConfig): MetaConfig {
    const c = stored.parse(config);
    return {
      appSecret: c.appSecret,
      verifyToken: c.verifyToken,
      accessToken: c.accessToken,
      accountId: NumericId.parse(config[account]),
      graphApiBaseUrl: c.graphApiBaseUrl,
      graphApiVersion: c.graphApiVersion,
    };
  }

  return {
    create,
    update,
    setup: (settings: z.output<typeof create>) => normalise(settings),
    change: (current: InboxConfig, patch: z.output<typeof update>) => normalise(patch, stored.parse(current)),
    read,
    /** The stored config, or null when it cannot be read (for display only). */
    tryRead: (config: InboxConfig): MetaConfig | null => (stored.safeParse(config).success ? read(config) : null),
  };
}

/** Enough of a secret for an admin to recognise it, never enough to use it. */
export function secretHint(secret: string): string {
  return secret.length >= 12 ? `${secret.slice(0, 3)}…${secret.slice(-2)}` : '…';
}

export type MetaSettings = ReturnType<typeof metaSettings>;
