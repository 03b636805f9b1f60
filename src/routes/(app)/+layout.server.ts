import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => {
  if (!locals.auth) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  // The head of the event log before the browser loads anything: the socket syncs from here,
  // so nothing that happens between this page load and the socket's connect is missed.
  let seq: number | null = null;
  try {
    seq = locals.app.log.currentSeq();
  } catch {
    seq = null;
  }
  return { user: locals.auth.user, seq };
};
