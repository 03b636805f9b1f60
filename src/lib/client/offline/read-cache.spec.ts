import { describe, expect, it } from 'vitest';
import type { ConversationDetail } from '$lib/shared/schemas/conversation';
import { KEEP_THREADS, ReadCache } from './read-cache';
import { freshDb } from './offline.factory';

const detail = (id: number) => ({ id }) as ConversationDetail;

describe('ReadCache', () => {
  it('keeps the most recently opened conversations and drops the oldest', async () => {
    const cache = new ReadCache(await freshDb());
    for (let id = 1; id <= KEEP_THREADS + 3; id++) {
      await cache.saveThread(detail(id), []);
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(await cache.loadThread(1)).toBeUndefined();
    expect(await cache.loadThread(3)).toBeUndefined();
    expect(await cache.loadThread(4)).toBeDefined();
    expect((await cache.loadThread(KEEP_THREADS + 3))?.detail.id).toBe(KEEP_THREADS + 3);
  });

  it('stores only messages the server has, never this tab’s queued copies', async () => {
    const cache = new ReadCache(await freshDb());
    const stored = { id: 5, text: 'stored' };
    const queued = { id: -1, text: 'queued' };
    await cache.saveThread(detail(9), [stored, queued] as never);
    expect((await cache.loadThread(9))?.messages.map((m) => m.text)).toEqual(['stored']);
  });

  it('remembers a list view with the time it was saved', async () => {
    const cache = new ReadCache(await freshDb());
    const before = Date.now();
    await cache.saveList('?status=open', [{ id: 1 }] as never);
    const list = await cache.loadList('?status=open');
    expect(list?.items).toEqual([{ id: 1 }]);
    expect(list?.savedAt).toBeGreaterThanOrEqual(before);
  });

  it('remembers the inboxes I can see, so the composer knows each thread’s channel offline', async () => {
    const cache = new ReadCache(await freshDb());
    expect(await cache.loadInboxes()).toBeUndefined();
    await cache.saveInboxes([{ id: 3, name: 'Support', channel: 'email' }] as never);
    expect((await cache.loadInboxes())?.items).toEqual([{ id: 3, name: 'Support', channel: 'email' }]);
  });
});
