import { json } from '@sveltejs/kit';
import { PutDraftBody } from '$lib/shared/schemas/draft';
import { api, idParam, readJson, requireAuth } from '$lib/server/http/api-handler';

/** The caller's reply and note drafts for this conversation (revision 0 when none was saved). */
export const GET = api((event) => {
  const auth = requireAuth(event);
  return json(event.locals.app.drafts.get(auth, idParam(event.params.id, 'conversation')));
});

/** Compare-and-set save: 200 with the new revision, or 409 with the stored draft to reconcile. */
export const PUT = api(async (event) => {
  const auth = requireAuth(event);
  const id = idParam(event.params.id, 'conversation');
  const body = await readJson(event.request, PutDraftBody);
  const result = event.locals.app.drafts.save(auth, id, body);
  if (!result.ok) {
    const message = `the draft was changed elsewhere (revision ${result.current.revision}); reconcile and save on that revision`;
    return json({ error: { code: 'draft_conflict', message }, current: result.current }, { status: 409 });
  }
  return json(result.draft);
});
