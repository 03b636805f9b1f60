import { error } from '@sveltejs/kit';
import { ChannelKind } from '$lib/shared/schemas/common';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, params }) => {
  const { user } = await parent();
  if (user.role !== 'admin') error(403, 'Only administrators can manage this.');
  const channel = ChannelKind.safeParse(params.channel);
  if (!channel.success) error(404, 'No such channel.');
  return { channel: channel.data };
};
