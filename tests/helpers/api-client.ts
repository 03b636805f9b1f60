import { ADMIN, type TestServer } from './server';

export type ApiResult<T = unknown> = { status: number; body: T; headers: Headers };

/** Bodies tests read often; a test names what it expects with the request's type argument. */
export type ErrorBody = { error: { code: string; message: string; issues?: unknown[] } };
export type Created = { id: number };
export type CreatedInbox = Created & { name: string; channel: string; settings: Record<string, unknown>; memberIds: number[]; revealed: Record<string, string> };
export type MessageBody = { id: number; text: string; status: string; externalId: string | null; error: string | null; direction: string };
export type Page<T> = { items: T[] };

/** A REST caller authenticated by a session cookie or a bearer token, as a real client is. */
export class ApiClient {
  constructor(
    readonly base: string,
    readonly auth: { cookie?: string; token?: string } = {},
  ) {}

  static async login(base: string, email: string, password: string): Promise<ApiClient> {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (res.status !== 200) throw new Error(`login of ${email} failed: ${res.status} ${await res.text()}`);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sb_session='));
    if (!cookie) throw new Error('no session cookie');
    return new ApiClient(base, { cookie: cookie.split(';')[0] });
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    const h: Record<string, string> = { ...extra };
    if (this.auth.cookie) h.cookie = this.auth.cookie;
    if (this.auth.token) h.authorization = `Bearer ${this.auth.token}`;
    return h;
  }

  async request<T = unknown>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<ApiResult<T>> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: this.headers(body === undefined ? extraHeaders : { 'content-type': 'application/json', ...extraHeaders }),
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON; keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get = <T = unknown>(path: string) => this.request<T>('GET', path);
  post = <T = unknown>(path: string, body?: unknown, headers?: Record<string, string>) => this.request<T>('POST', path, body ?? {}, headers);
  patch = <T = unknown>(path: string, body: unknown) => this.request<T>('PATCH', path, body);
  delete = <T = unknown>(path: string) => this.request<T>('DELETE', path);
}

let counter = 0;
export const uniq = (prefix = 'x') => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++counter}`;

/** An admin, an API inbox with two member agents, and an agent outside it. */
export async function workspace(server: TestServer, opts: { webhookUrl?: string } = {}) {
  const admin = await ApiClient.login(server.url, ADMIN.email, ADMIN.password);
  const inbox = (await admin.post<CreatedInbox & { inboundToken: string; webhookSecret: string }>('/api/inboxes', { name: 'Shop API', channel: 'api', ...(opts.webhookUrl ? { webhookUrl: opts.webhookUrl } : {}) })).body;
  const other = (await admin.post<CreatedInbox & { inboundToken: string }>('/api/inboxes', { name: 'Other', channel: 'api' })).body;
  const makeAgent = async (name: string, role = 'agent') => {
    const email = `${uniq(name.toLowerCase().replace(/[^a-z]+/g, '.'))}@example.com`;
    const created = await admin.post<Created>('/api/users', { email, name, password: 'agent-password-1', role });
    if (created.status !== 201) throw new Error(`could not create ${name}: ${JSON.stringify(created.body)}`);
    return { id: created.body.id, email };
  };
  const anna = await makeAgent('Anna Nowak');
  const mikko = await makeAgent('Mikko Virtanen');
  const outsider = await makeAgent('Søren Holm');
  await admin.post(`/api/inboxes/${inbox.id}/members`, { userId: anna.id });
  await admin.post(`/api/inboxes/${inbox.id}/members`, { userId: mikko.id });
  await admin.post(`/api/inboxes/${other.id}/members`, { userId: outsider.id });
  const login = (u: { email: string }) => ApiClient.login(server.url, u.email, 'agent-password-1');
  return {
    admin,
    inbox,
    otherInbox: other,
    users: { anna, mikko, outsider },
    login,
  };
}

/** Posts a customer message through the API channel, as an integrator would. */
export async function inbound(base: string, inbox: { id: number; inboundToken: string }, body: Record<string, unknown>) {
  const client = new ApiClient(base, { token: inbox.inboundToken });
  return client.post<{ conversationId: number; messageId: number }>(`/api/inboxes/${inbox.id}/inbound`, {
    contact: { externalId: 'cust-1', name: 'Zofia Łukasik' },
    externalMessageId: uniq('ext'),
    text: 'Hello',
    ...body,
  });
}
