import { error } from '@sveltejs/kit';
import type { PageLoad } from './$types';

const MANAGERS = ['lead', 'supervisor', 'admin'];

export const load: PageLoad = async ({ parent }) => {
  const { user } = await parent();
  if (!MANAGERS.includes(user.role)) error(403, 'Only team leads and above can manage SLA policies.');
  return {};
};
