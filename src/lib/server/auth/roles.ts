import { roles, type Role } from '$lib/shared/schemas/common';

const rank = (role: Role) => roles.indexOf(role);

/** Role order agent < lead < supervisor < admin: each has every right of the ones before it. */
export const atLeast = (role: Role, minimum: Role) => rank(role) >= rank(minimum);

/** Supervisors and admins see every inbox; agents and leads only those they belong to. */
export const seesAllInboxes = (role: Role) => atLeast(role, 'supervisor');
