import type { PresenceStatus } from '$lib/shared/schemas/common';
import type { UserSummary } from '$lib/shared/schemas/user';
import type { users } from '../db/schema';

export function toUserSummary(row: typeof users.$inferSelect, presence: PresenceStatus): UserSummary {
  return { id: row.id, name: row.name, email: row.email, role: row.role, presence, disabled: row.disabledAt !== null, capacity: row.capacity };
}
