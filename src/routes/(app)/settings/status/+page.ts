import { error } from '@sveltejs/kit';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
  const { user } = await parent();
  if (user.role === 'agent') error(403, 'Only team leads and above can see the crisis settings.');
  return {};
};
