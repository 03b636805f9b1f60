import { error } from '@sveltejs/kit';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, params }) => {
  const { user } = await parent();
  if (user.role !== 'admin') error(403, 'Only administrators can manage this.');
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0 || !/^\d+$/.test(params.id)) error(404, 'No such inbox.');
  return { id };
};
