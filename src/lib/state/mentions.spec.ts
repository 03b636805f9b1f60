import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Mention } from '$lib/shared/schemas/collab';
import { MentionsState } from './mentions.svelte';

const mention = (id: number, conversationId = 10, readAt: string | null = null): Mention => ({
  id,
  conversationId,
  messageId: id * 10,
  author: { id: 2, name: 'Mikko' },
  contactName: 'Aino',
  excerpt: '@anna look',
  createdAt: '2026-12-01T09:00:00.000Z',
  readAt,
});

const requests: { url: string; body: unknown }[] = [];
function serverAnswers(body: unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      requests.push({ url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    }),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  requests.length = 0;
});

describe('MentionsState', () => {
  it('adds a live mention once, newest first, and takes the server’s unread count', () => {
    const s = new MentionsState();
    s.added(mention(1), 1);
    s.added(mention(3), 2);
    s.added(mention(3), 2);
    expect(s.items.map((i) => i.id)).toEqual([3, 1]);
    expect(s.unread).toBe(2);
  });

  it('marks a conversation’s mentions read at once and asks the server to store it', async () => {
    serverAnswers({ ids: [1, 2], unread: 1 });
    const s = new MentionsState();
    s.added(mention(1, 10), 1);
    s.added(mention(2, 10), 2);
    s.added(mention(3, 11), 3);
    expect(s.hasUnreadIn(10)).toBe(true);
    const done = s.markRead({ conversationId: 10 });
    expect(s.hasUnreadIn(10)).toBe(false);
    expect(s.unread).toBe(1);
    await done;
    expect(requests[0]).toMatchObject({ url: '/api/mentions/read', body: { conversationId: 10 } });
    expect(s.hasUnreadIn(11)).toBe(true);
  });

  it('follows reads from my other devices', () => {
    const s = new MentionsState();
    s.added(mention(1), 1);
    s.read([1], 0);
    expect(s.items[0]!.readAt).not.toBeNull();
    expect(s.unread).toBe(0);
  });
});
