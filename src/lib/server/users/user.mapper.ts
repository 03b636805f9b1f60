import { UserSettings, type User } from '$lib/shared/schemas/user';
import type { Locale } from '$lib/shared/schemas/common';
import type { users } from '../db/schema';

type UserRow = typeof users.$inferSelect;

export function toUser(row: UserRow): User {
  const settings = UserSettings.safeParse(row.settings ?? {});
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    locale: (row.locale as Locale | null) ?? null,
    settings: settings.success ? settings.data : UserSettings.parse({}),
  };
}
