import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

/** Only same-site paths may be returned to (no `//evil.example`). */
function safeRedirect(target: string | null): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\') || target.startsWith('/login')) return '/inbox';
  return target;
}

export const load: PageServerLoad = ({ locals, url }) => {
  const redirectTo = safeRedirect(url.searchParams.get('redirectTo'));
  if (locals.auth) redirect(303, redirectTo);
  return { redirectTo, ended: url.searchParams.has('ended') };
};

export const actions: Actions = {
  /**
   * A plain form POST (works without JavaScript, and the browser navigates straight on): it goes
   * through the same `POST /api/auth/login`, whose session and language cookies SvelteKit passes on.
   */
  default: async ({ request, fetch, url }) => {
    const form = await request.formData();
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!email || !password) return fail(400, { email, code: 'missing', message: '' });
    let res: Response;
    try {
      res = await fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
    } catch {
      return fail(503, { email, code: 'unavailable', message: '' });
    }
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
      return fail(res.status, { email, code: body?.error?.code ?? `http_${res.status}`, message: body?.error?.message ?? '' });
    }
    redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
  },
};
