import { z } from 'zod';
import { channelKinds, conversationStatuses, locales, presenceStatuses, priorities, roles } from '../enums';

export { channelKinds, conversationStatuses, locales, presenceStatuses, priorities, roles };

export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

export const ConversationStatus = z.enum(conversationStatuses);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

export const Priority = z.enum(priorities);
export type Priority = z.infer<typeof Priority>;

export const ChannelKind = z.enum(channelKinds);
export type ChannelKind = z.infer<typeof ChannelKind>;

export const Locale = z.enum(locales);
export type Locale = z.infer<typeof Locale>;

export const PresenceStatus = z.enum(presenceStatuses);
export type PresenceStatus = z.infer<typeof PresenceStatus>;

export const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const IsoDate = z.string().datetime({ offset: true });

/** Client-generated ids for idempotent sends (outbox): opaque, short, URL-safe. */
export const ClientId = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only');

export const Label = z.string().trim().min(1).max(40).regex(/^[\p{L}\p{N} _.-]+$/u, 'letters, digits, space, _ . - only');

export const ApiErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), issues: z.array(z.unknown()).optional() }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;
