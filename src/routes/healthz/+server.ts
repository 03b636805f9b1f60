import { json } from '@sveltejs/kit';

/** Reaching this handler means the app instance exists: the database is open and migrated. */
export const GET = ({ locals }) => {
  locals.app.db.$client.prepare('SELECT 1').get();
  return json({ ok: true }, { headers: { 'cache-control': 'no-store' } });
};
