import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Incident } from '$lib/shared/schemas/incident';
import { DeclareIncidentForm, EditIncidentForm } from './incident-form.svelte';
import { IncidentUpdateForm } from './incident-update-form.svelte';

const running: Incident = {
  id: 3,
  title: 'Card payments failing',
  severity: 'major',
  status: 'investigating',
  message: 'Card payments fail for some customers.',
  internalNote: null,
  components: ['Payments'],
  match: { keywords: ['płatn'], channels: [], inboxIds: [] },
  autoAcknowledge: false,
  declaredBy: { id: 2, name: 'Lena Lead' },
  startedAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  resolvedAt: null,
  linkedCount: 4,
  latestUpdate: null,
};

type Call = { url: string; init: RequestInit };

/** A fetch that records each call and answers from the list (the last answer repeats). */
function server(...answers: (() => Response | Promise<Response>)[]) {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return (answers[Math.min(calls.length - 1, answers.length - 1)] ?? (() => new Response('{}')))();
    }),
  );
  return calls;
}
const json = (status: number, body: unknown) => () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const offline = () => Promise.reject(new TypeError('Failed to fetch'));
const header = (c: Call, name: string) => (c.init.headers as Record<string, string>)[name];

afterEach(() => vi.unstubAllGlobals());

describe('declaring an incident', () => {
  it('says what is missing at each field, in words, and sends nothing', async () => {
    const calls = server(json(201, running));
    const form = new DeclareIncidentForm();
    form.title = '   ';
    form.keywords = ['a'];
    expect(await form.submit()).toBeNull();
    expect(form.errors.title).toBe('Required');
    expect(form.errors.message).toBe('Required');
    expect(form.errors.keywords).toBe('Use at least 2 characters');
    expect(calls).toHaveLength(0);
  });

  it('sends the fields with one Idempotency-Key per opened form, and a double click posts once', async () => {
    let release!: () => void;
    const calls = server(() => new Promise<Response>((r) => (release = () => r(json(201, running)()))));
    const form = new DeclareIncidentForm();
    form.title = 'Card payments failing';
    form.message = 'Card payments fail for some customers.';
    form.severity = 'critical';
    form.keywords = ['płatn', 'card'];
    form.channels = ['chat', 'email'];
    const first = form.submit();
    expect(await form.submit()).toBeNull();
    release();
    expect(await first).toEqual(running);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('/api/incidents');
    expect(header(calls[0]!, 'Idempotency-Key')).toBe(form.key);
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({
      title: 'Card payments failing',
      severity: 'critical',
      message: 'Card payments fail for some customers.',
      components: [],
      match: { keywords: ['płatn', 'card'], channels: ['chat', 'email'], inboxIds: [] },
      autoAcknowledge: false,
    });
  });

  it('retries with the same key after a lost answer, and shows what the server refused at its field', async () => {
    const calls = server(offline, json(400, { error: { code: 'invalid_body', message: 'title: too long', issues: [{ path: ['title'], code: 'too_big', origin: 'string', maximum: 200, message: 'Too big' }] } }));
    const form = new DeclareIncidentForm();
    form.title = 'Login errors';
    form.message = 'Some customers cannot log in.';
    expect(await form.submit()).toBeNull();
    expect(form.errors.form).toMatch(/No connection/);
    expect(await form.submit()).toBeNull();
    expect(form.errors.title).toBe('At most 200 characters');
    expect(header(calls[0]!, 'Idempotency-Key')).toBe(header(calls[1]!, 'Idempotency-Key'));
    // A newly opened form is a new declaration.
    expect(new DeclareIncidentForm().key).not.toBe(form.key);
  });
});

describe('editing an incident', () => {
  it('sends only what changed', async () => {
    const calls = server(json(200, { ...running, severity: 'critical' }));
    const form = new EditIncidentForm(running);
    form.severity = 'critical';
    form.keywords = [...form.keywords, 'karta'];
    expect(await form.submit()).not.toBeNull();
    expect(calls[0]!.init.method).toBe('PATCH');
    expect(calls[0]!.url).toBe('/api/incidents/3');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ severity: 'critical', match: { keywords: ['płatn', 'karta'], channels: [], inboxIds: [] } });
  });

  it('says so when nothing changed, without a request', async () => {
    const calls = server(json(200, running));
    const form = new EditIncidentForm(running);
    expect(await form.submit()).toBeNull();
    expect(form.errors.form).toBe('Nothing has changed.');
    expect(calls).toHaveLength(0);
  });
});

describe('posting an update', () => {
  it('keeps the key while the same update is retried and takes a new one for the next update', async () => {
    const posted = { update: { id: 9, status: 'identified', message: 'Found it', author: null, notifyLinked: true, resolveLinked: false, createdAt: '2026-12-01T10:05:00.000Z' }, incident: running };
    const calls = server(offline, json(201, posted), json(201, posted));
    const form = new IncidentUpdateForm('investigating');
    form.status = 'identified';
    form.message = 'Found it';
    form.notifyLinked = true;
    expect(await form.submit(3)).toBeNull();
    expect(await form.submit(3)).toEqual(posted);
    expect(header(calls[0]!, 'Idempotency-Key')).toBe(header(calls[1]!, 'Idempotency-Key'));
    expect(form.message).toBe('');
    expect(form.notifyLinked).toBe(false);
    form.message = 'Fix deployed';
    await form.submit(3);
    expect(header(calls[2]!, 'Idempotency-Key')).not.toBe(header(calls[1]!, 'Idempotency-Key'));
    expect(calls[0]!.url).toBe('/api/incidents/3/updates');
  });

  it('resolves linked conversations only with the status resolved', () => {
    const form = new IncidentUpdateForm('monitoring');
    form.message = 'Fixed';
    form.resolveLinked = true;
    expect(form.body()?.resolveLinked).toBe(false);
    form.status = 'resolved';
    expect(form.body()).toMatchObject({ status: 'resolved', resolveLinked: true });
  });

  it('starts from the incident’s status and needs a text', () => {
    const form = new IncidentUpdateForm('identified');
    expect(form.status).toBe('identified');
    expect(form.body()).toBeNull();
    expect(form.errors.message).toBe('Required');
  });
});
