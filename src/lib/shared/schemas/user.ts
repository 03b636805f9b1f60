import { z } from 'zod';
import { Locale, Role, PresenceStatus } from './common';

export const UserSettings = z
  .object({
    sendOnEnter: z.boolean().default(true),
    sound: z.boolean().default(true),
  })
  .strict();
export type UserSettings = z.infer<typeof UserSettings>;

export const User = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  role: Role,
  locale: Locale.nullable(),
  settings: UserSettings,
});
export type User = z.infer<typeof User>;

export const UserSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string(),
  role: Role,
  presence: PresenceStatus,
  disabled: z.boolean(),
  /** Most open conversations auto-assignment gives them at once. */
  capacity: z.number().int(),
});
export type UserSummary = z.infer<typeof UserSummary>;

const Email = z.string().trim().toLowerCase().email().max(254);
const Password = z.string().min(10, 'at least 10 characters').max(256);
const Name = z.string().trim().min(1).max(120);

export const LoginBody = z.object({ email: z.string().trim().toLowerCase().max(254), password: z.string().max(256) }).strict();
export const CreateUserBody = z
  .object({ email: Email, name: Name, password: Password, role: Role.default('agent'), locale: Locale.optional() })
  .strict();
export const PatchUserBody = z
  .object({ name: Name, role: Role, password: Password, disabled: z.boolean(), locale: Locale.nullable() })
  .partial()
  .strict();
export const PatchMeBody = z
  .object({ name: Name, locale: Locale.nullable(), settings: UserSettings.partial(), password: Password, currentPassword: z.string().max(256) })
  .partial()
  .strict();

export const CreateTokenBody = z.object({ name: z.string().trim().min(1).max(80) }).strict();
export const ApiToken = z.object({ id: z.number().int(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable() });
