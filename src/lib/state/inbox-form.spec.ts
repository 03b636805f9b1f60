import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Inbox } from '$lib/shared/schemas/inbox';
import { InboxFormState } from './inbox-form.svelte';

const telegramInbox: Inbox = {
  id: 7,
  name: 'Bot',
  channel: 'telegram',
  createdAt: '2026-11-30T10:00:00.000Z',
  memberIds: [],
  autoAssign: false,
  settings: { webhookUrl: 'https://sb.example/api/webhooks/telegram/7', botId: '7012345678', apiBaseUrl: 'https://api.telegram.org' },
};

function answer(status: number, body: unknown) {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })));
}

afterEach(() => vi.unstubAllGlobals());

describe('the inbox form', () => {
  it('sends the channel, the name and only the filled fields on create, lists split into arrays', () => {
    const form = new InboxFormState('chat');
    form.name = ' Website ';
    form.values.allowedOrigins = 'https://a.example\nhttps://b.example, https://c.example';
    expect(form.body()).toEqual({ channel: 'chat', name: 'Website', allowedOrigins: ['https://a.example', 'https://b.example', 'https://c.example'] });
  });

  it('on edit starts secrets empty, sends only what changed, and keeps a secret left empty', () => {
    const form = new InboxFormState('telegram', telegramInbox);
    expect(form.values).toEqual({ botToken: '', webhookSecret: '', apiBaseUrl: 'https://api.telegram.org' });
    expect(form.dirty).toBe(false);
    form.values.webhookSecret = 'new-secret';
    expect(form.body()).toEqual({ webhookSecret: 'new-secret' });
    form.name = 'Renamed';
    form.values.apiBaseUrl = '';
    // Not clearable: emptied means "leave as is", as the server cannot unset the default.
    expect(form.body()).toEqual({ name: 'Renamed', webhookSecret: 'new-secret' });
  });

  it('clears a clearable setting with null', () => {
    const form = new InboxFormState('api', { ...telegramInbox, channel: 'api', settings: { webhookUrl: 'https://hook.example', inboundUrl: 'x' } });
    form.values.webhookUrl = '';
    expect(form.body()).toEqual({ webhookUrl: null });
  });

  it('puts the server’s issues at their fields and names an unsupported channel plainly', async () => {
    const form = new InboxFormState('telegram');
    form.name = 'Bot';
    answer(400, { error: { code: 'invalid_settings', message: 'botToken: must be the token', issues: [{ path: ['botToken'], message: 'must be the token @BotFather gave', code: 'invalid_format' }] } });
    expect(await form.submit()).toBeNull();
    expect(form.errors).toEqual({ botToken: 'must be the token @BotFather gave' });
    expect(form.formError).toBeNull();

    const email = new InboxFormState('email');
    email.name = 'Mail';
    answer(400, { error: { code: 'unsupported_channel', message: 'the email channel is not available' } });
    expect(await email.submit()).toBeNull();
    expect(email.formError).toMatch(/cannot create inboxes of this channel yet/);
  });

  it('asks for a name before calling the server', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const form = new InboxFormState('api');
    expect(await form.submit()).toBeNull();
    expect(form.errors.name).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
  });
});
