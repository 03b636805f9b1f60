import { z } from 'zod';
import { api, idParam, readQuery, requireAuth } from '$lib/server/http/api-handler';
import { messageBodyResponse } from '$lib/server/email-view/message-body';

const BodyQuery = z
  .object({
    images: z.enum(['0', '1']).default('0'),
    quotes: z.enum(['0', '1']).default('0'),
  })
  .strict();

/** A message's HTML as a sandboxed standalone document, for the console's iframe. */
export const GET = api((event) => {
  const auth = requireAuth(event);
  const q = readQuery(event.url, BodyQuery);
  return messageBodyResponse(event.locals.app.db, auth, idParam(event.params.id, 'message'), { images: q.images === '1', quotes: q.quotes === '1' });
});
