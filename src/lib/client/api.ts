/**
 * The browser's REST client: JSON in, JSON out, and every failure turned into an `ApiError`
 * carrying the server's `{error:{code,message}}` so the UI can show it as is.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** zod issues of rejected input, so a form can show each at its field. */
    readonly issues: unknown[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
  /** True when the request never got an answer (offline, server down). */
  get isNetwork() {
    return this.status === 0;
  }
}

type Listener = (err: ApiError) => void;
const unauthorizedListeners = new Set<Listener>();

/** Called when any request answers 401 (session expired or ended elsewhere). */
export function onUnauthorized(fn: Listener): () => void {
  unauthorizedListeners.add(fn);
  return () => unauthorizedListeners.delete(fn);
}

export interface ApiInit {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** SvelteKit's `fetch` in load functions; the global one otherwise. */
  fetch?: typeof fetch;
  /** Do not broadcast a 401 (the login form handles its own). */
  quiet401?: boolean;
  /** Extra request headers (e.g. `Idempotency-Key`). */
  headers?: Record<string, string>;
}

export async function api<T>(path: string, init: ApiInit = {}): Promise<T> {
  const doFetch = init.fetch ?? fetch;
  const headers: Record<string, string> = { ...init.headers, accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await doFetch(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: 'same-origin',
      signal: init.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', err instanceof Error ? err.message : 'network error');
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const body = data as { error?: { code?: string; message?: string; issues?: unknown } } | null;
    const issues = Array.isArray(body?.error?.issues) ? body.error.issues : [];
    const err = new ApiError(res.status, body?.error?.code ?? `http_${res.status}`, body?.error?.message ?? (res.statusText || `HTTP ${res.status}`), issues);
    if (res.status === 401 && !init.quiet401) unauthorizedListeners.forEach((fn) => fn(err));
    throw err;
  }
  return data as T;
}

/** A message for the user from anything thrown. */
export function errorMessage(err: unknown, fallback = 'Something went wrong'): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error && err.message) return err.message;
  return fallback;
}

export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    sp.set(k, v === true ? '1' : String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}
