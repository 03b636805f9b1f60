import { error } from '@sveltejs/kit';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
  const { user } = await parent();
  // Supervisors come for agents' capacities; the accounts themselves are for admins.
  if (user.role !== 'admin' && user.role !== 'supervisor') error(403, 'Only supervisors and administrators can manage this.');
  return {};
};
