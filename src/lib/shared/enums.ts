// The value lists behind the shared zod enums, without zod: the browser imports these (filters,
// menus), and pulling in zod for four arrays cost the console 23 KiB of gzipped JavaScript.
export const roles = ['agent', 'lead', 'supervisor', 'admin'] as const;
export const conversationStatuses = ['open', 'pending', 'snoozed', 'resolved'] as const;
export const priorities = ['low', 'normal', 'high', 'urgent'] as const;
/** Every channel kind the product knows; each has an adapter in server/channels. */
export const channelKinds = ['api', 'email', 'chat', 'messenger', 'instagram', 'whatsapp', 'telegram'] as const;
export const locales = ['en', 'pl', 'fi', 'da'] as const;
export const presenceStatuses = ['online', 'away', 'offline'] as const;
