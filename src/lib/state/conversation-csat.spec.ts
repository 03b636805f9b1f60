import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConversationCsat } from './conversation-csat.svelte';

const pending = { conversationId: 7, inboxId: 2, channel: 'email' as const, agentId: 3, requestedAt: '2026-11-30T10:00:00.000Z', rating: null, comment: null, ratedAt: null };
const rated = { conversationId: 7, inboxId: 2, channel: 'email' as const, agentId: 3, rating: 4, comment: 'Thanks', ratedAt: '2026-12-01T04:00:00.000Z' };

afterEach(() => vi.unstubAllGlobals());

describe('the side panel’s survey state', () => {
  it('loads the open conversation’s survey and takes its rating live, ignoring other conversations', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ csat: pending }), { status: 200, headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetchMock);
    const s = new ConversationCsat();
    await s.load(7);
    expect(fetchMock).toHaveBeenCalledWith('/api/conversations/7/csat', expect.anything());
    expect(s.value).toEqual(pending);

    s.apply({ ...rated, conversationId: 8 });
    expect(s.value?.rating).toBeNull();
    s.apply(rated);
    expect(s.value).toEqual({ ...pending, rating: 4, comment: 'Thanks', ratedAt: rated.ratedAt });
  });

  it('shows no survey when the conversation has none or the request fails', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ csat: null }), { status: 200 })));
    const s = new ConversationCsat();
    await s.load(9);
    expect(s.value).toBeNull();
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('offline'))));
    await s.load(9);
    expect(s.value).toBeNull();
  });
});
