import { error } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
  const { user } = await parent();
  if (user.role === 'agent') error(403, m.csat_settings_forbidden());
  return {};
};
