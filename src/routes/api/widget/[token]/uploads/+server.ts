import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { WidgetIdentity, WebOrigin } from '$lib/shared/widget-events';
import { api } from '$lib/server/http/api-handler';
import { AppError, badRequest } from '$lib/server/errors';
import { receiveUpload } from '$lib/server/channels/chat/chat-uploads';
import { chatVisitorsOf } from '$lib/server/channels/chat/chat-visitors-of';
import { openVisitorSession } from '$lib/server/channels/chat/visitor-session';
import { clientIp, spend, widgetLimits } from '$lib/server/channels/chat/widget-limits';

const Identity = z
  .string()
  .max(2_000)
  .transform((s, ctx) => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON' });
      return z.NEVER;
    }
  })
  .pipe(WidgetIdentity);

/** A visitor's file, sent from the widget frame (same origin) with the visitor's token. */
export const POST = api(async (event) => {
  // Bodies declared over 11 MB never get here (server.ts); the file's own size is checked below.
  if (!/^multipart\/form-data\b/i.test(event.request.headers.get('content-type') ?? '')) throw new AppError(415, 'unsupported_media_type', 'send the file as multipart/form-data');
  const app = event.locals.app;
  const ip = clientIp(event.getClientAddress(), event.request.headers.get('x-forwarded-for'), app.env.TRUST_PROXY === '1');
  const form = await event.request.formData().catch(() => {
    throw badRequest('the body is not readable multipart/form-data', 'invalid_request');
  });
  const identityField = form.get('identity');
  const identity = typeof identityField === 'string' && identityField ? Identity.safeParse(identityField) : null;
  if (identity && !identity.success) throw badRequest(`identity: ${identity.error.issues[0]?.message}`, 'invalid_request');
  const host = WebOrigin.safeParse(event.request.headers.get('x-widget-host') ?? '');
  const session = openVisitorSession(chatVisitorsOf(app), {
    widgetToken: event.params.token ?? '',
    visitorToken: event.request.headers.get('x-visitor-token') ?? undefined,
    hostOrigin: host.success ? host.data : undefined,
    identity: identity?.success ? identity.data : undefined,
    mayIssue: false,
  });
  spend([[widgetLimits.uploadsPerVisitor, `v${session.visitor.id}`], [widgetLimits.messagesPerIp, ip]], 'uploads');
  return json(await receiveUpload(app, session, form), { status: 201 });
});
