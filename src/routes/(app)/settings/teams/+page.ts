import { error } from '@sveltejs/kit';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
  const { user } = await parent();
  if (user.role !== 'admin') error(403, 'Only administrators can manage this.');
  return {};
};
