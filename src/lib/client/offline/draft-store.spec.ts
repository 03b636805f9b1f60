import { describe, expect, it } from 'vitest';
import { DraftStore, type DraftContent } from './draft-store';
import { FakeDraftServer, freshDb } from './offline.factory';

const content = (text: string): DraftContent => ({ text, subject: null, cc: [], attachments: [] });

describe('DraftStore', () => {
  it('keeps what was typed on this device across a reload, even with no network', async () => {
    const db = await freshDb();
    const server = new FakeDraftServer();
    server.online = false;
    await new DraftStore(db, server).saveLocal(4, 'reply', content('Hei, katson asiaa'));
    const afterReload = new DraftStore(db, server);
    expect(await afterReload.load(4, 'reply')).toMatchObject({ text: 'Hei, katson asiaa', dirty: true, baseRevision: 0 });
    expect(await afterReload.push(4, 'reply')).toEqual({ state: 'offline' });
    expect(await afterReload.dirty()).toHaveLength(1);
  });

  it('saves on the server once online and is then in step', async () => {
    const db = await freshDb();
    const server = new FakeDraftServer();
    const store = new DraftStore(db, server);
    await store.saveLocal(4, 'reply', content('Hej'));
    expect(await store.push(4, 'reply')).toEqual({ state: 'saved' });
    expect(await store.load(4, 'reply')).toMatchObject({ dirty: false, baseRevision: 1 });
    expect(await store.push(4, 'reply')).toEqual({ state: 'unchanged' });
  });

  it('shows the other device’s draft when this one has no unsaved change', async () => {
    const server = new FakeDraftServer();
    const laptop = new DraftStore(await freshDb(), server);
    const tablet = new DraftStore(await freshDb(), server);
    await laptop.saveLocal(9, 'note', content('Ask finance'));
    await laptop.push(9, 'note');
    const [, note] = await tablet.pull(9);
    expect(note).toMatchObject({ state: 'updated', draft: { text: 'Ask finance', baseRevision: 1, dirty: false } });
  });

  it('offers both texts when two devices changed the same draft, and saves the agent’s choice', async () => {
    const server = new FakeDraftServer();
    const laptop = new DraftStore(await freshDb(), server);
    const tablet = new DraftStore(await freshDb(), server);
    await laptop.saveLocal(2, 'reply', content('Laptop text'));
    await tablet.saveLocal(2, 'reply', content('Tablet text'));
    expect(await laptop.push(2, 'reply')).toEqual({ state: 'saved' });
    const conflict = await tablet.push(2, 'reply');
    expect(conflict).toMatchObject({ state: 'conflict', mine: { text: 'Tablet text' }, theirs: { text: 'Laptop text', revision: 1 } });
    // Nothing was overwritten on either side.
    expect((await server.get(2)).reply.text).toBe('Laptop text');
    expect((await tablet.load(2, 'reply'))?.text).toBe('Tablet text');
    expect(await tablet.resolve(2, 'reply', content('Laptop text + tablet text'), 1)).toEqual({ state: 'saved' });
    expect((await server.get(2)).reply).toMatchObject({ text: 'Laptop text + tablet text', revision: 2 });
  });

  it('reports a live update from another device as a conflict while this device has unsaved text', async () => {
    const server = new FakeDraftServer();
    const store = new DraftStore(await freshDb(), server);
    await store.saveLocal(3, 'reply', content('Mine, unsaved'));
    const theirs = { conversationId: 3, kind: 'reply' as const, text: 'Theirs', subject: null, cc: [], attachments: [], revision: 1, updatedAt: null };
    expect(await store.applyRemote(theirs)).toMatchObject({ state: 'conflict', mine: { text: 'Mine, unsaved' } });
    expect(await store.applyRemote({ ...theirs, text: 'Mine, unsaved' })).toMatchObject({ state: 'updated' });
    expect(await store.applyRemote({ ...theirs, text: 'old news' })).toEqual({ state: 'unchanged' });
  });

  it('keeps typing that went on during a save as unsaved, based on the new revision', async () => {
    const db = await freshDb();
    const server = new FakeDraftServer();
    // The server answers only when the test lets it, so the agent types on meanwhile.
    let answer!: () => void;
    const gate = new Promise<void>((r) => (answer = r));
    const put = server.put.bind(server);
    server.put = async (id, body) => {
      const result = await put(id, body);
      await gate;
      return result;
    };
    const store = new DraftStore(db, server);
    await store.saveLocal(6, 'reply', content('Hello'));
    const pushing = store.push(6, 'reply');
    await expect.poll(() => server.rows.size).toBe(1);
    await store.saveLocal(6, 'reply', content('Hello there'));
    answer();
    await pushing;
    expect(await store.load(6, 'reply')).toMatchObject({ text: 'Hello there', baseRevision: 1, dirty: true });
    expect(await store.push(6, 'reply')).toEqual({ state: 'saved' });
    expect((await server.get(6)).reply).toMatchObject({ text: 'Hello there', revision: 2 });
  });

  it('does not bring a sent text back when the server’s clear arrives after an older copy', async () => {
    const server = new FakeDraftServer();
    const store = new DraftStore(await freshDb(), server);
    await store.saveLocal(8, 'reply', content('Sent soon'));
    await store.push(8, 'reply');
    // Sent while offline: the composer empties its draft at once.
    await store.saveLocal(8, 'reply', content(''));
    const [reply] = await store.pull(8);
    expect(reply.state).toBe('unchanged');
    expect((await store.load(8, 'reply'))?.text).toBe('');
    // The message reached the server, which cleared its copy in the same transaction.
    await server.put(8, { kind: 'reply', text: '', baseRevision: 1 });
    const [afterSend] = await store.pull(8);
    expect(afterSend).toMatchObject({ state: 'updated', draft: { text: '', dirty: false, baseRevision: 2 } });
  });

  it('sends one save at a time, so two saves in a row never refuse each other', async () => {
    const server = new FakeDraftServer();
    const store = new DraftStore(await freshDb(), server);
    await store.saveLocal(11, 'reply', content('Draft text'));
    const outcomes = await Promise.all([store.push(11, 'reply'), store.push(11, 'reply')]);
    expect(outcomes).toEqual([{ state: 'saved' }, { state: 'unchanged' }]);
    expect((await server.get(11)).reply.revision).toBe(1);
  });

  it('ignores an empty server draft that was never saved', async () => {
    const store = new DraftStore(await freshDb(), new FakeDraftServer());
    expect(await store.pull(12)).toEqual([{ state: 'unchanged' }, { state: 'unchanged' }]);
    expect(await store.load(12, 'reply')).toBeUndefined();
  });

  describe('email reply fields', () => {
    const file = { id: 41, filename: 'faktura.pdf', contentType: 'application/pdf', size: 2048 };
    const email = (text: string, fields: Partial<DraftContent> = {}): DraftContent => ({ ...content(text), subject: 'Faktura 4711', cc: ['szef@firma.pl'], attachments: [file], ...fields });

    it('keeps the subject, Cc and files with the text on this device, and reads an older draft without files as having none', async () => {
      const db = await freshDb();
      const server = new FakeDraftServer();
      server.online = false;
      await new DraftStore(db, server).saveLocal(5, 'reply', email('W załączniku'));
      expect(await new DraftStore(db, server).load(5, 'reply')).toMatchObject({ subject: 'Faktura 4711', cc: ['szef@firma.pl'], attachments: [file], dirty: true });
      // Stored by the version before files were part of a draft.
      await db.put('drafts', { conversationId: 6, kind: 'reply', text: 'Old', subject: 'Old subject', cc: [], baseRevision: 0, dirty: true, updatedAt: 1 });
      expect(await new DraftStore(db, server).load(6, 'reply')).toMatchObject({ subject: 'Old subject', attachments: [] });
      expect((await new DraftStore(db, server).dirty()).map((d) => d.attachments)).toEqual([[file], []]);
    });

    it('saves them on the server with the text, so the other device gets them', async () => {
      const server = new FakeDraftServer();
      server.upload(file);
      const laptop = new DraftStore(await freshDb(), server);
      const tablet = new DraftStore(await freshDb(), server);
      await laptop.saveLocal(7, 'reply', email('W załączniku'));
      expect(await laptop.push(7, 'reply')).toEqual({ state: 'saved' });
      expect((await server.get(7)).reply).toMatchObject({ subject: 'Faktura 4711', cc: ['szef@firma.pl'], attachments: [file], revision: 1 });
      const [reply] = await tablet.pull(7);
      expect(reply).toMatchObject({ state: 'updated', draft: { subject: 'Faktura 4711', cc: ['szef@firma.pl'], attachments: [file], dirty: false } });
    });

    it('offers both versions when two devices changed only the Cc', async () => {
      const server = new FakeDraftServer();
      server.upload(file);
      const laptop = new DraftStore(await freshDb(), server);
      const tablet = new DraftStore(await freshDb(), server);
      await laptop.saveLocal(8, 'reply', email('Same text'));
      await laptop.push(8, 'reply');
      await tablet.pull(8);
      await laptop.saveLocal(8, 'reply', email('Same text', { cc: ['szef@firma.pl', 'ksiegowa@firma.pl'] }));
      await tablet.saveLocal(8, 'reply', email('Same text', { cc: [] }));
      expect(await laptop.push(8, 'reply')).toEqual({ state: 'saved' });
      expect(await tablet.push(8, 'reply')).toMatchObject({ state: 'conflict', mine: { cc: [] }, theirs: { cc: ['szef@firma.pl', 'ksiegowa@firma.pl'], revision: 2 } });
      expect((await server.get(8)).reply.cc).toEqual(['szef@firma.pl', 'ksiegowa@firma.pl']);
    });

    it('stops offering a file the server left out because it was sent meanwhile', async () => {
      const server = new FakeDraftServer();
      const store = new DraftStore(await freshDb(), server);
      await store.saveLocal(9, 'reply', email('Hello'));
      // Sent from another device: no longer an unsent upload.
      const outcome = await store.push(9, 'reply');
      expect(outcome).toMatchObject({ state: 'updated', draft: { text: 'Hello', attachments: [], dirty: false, baseRevision: 1 } });
      expect(await store.load(9, 'reply')).toMatchObject({ attachments: [], dirty: false });
    });
  });
});

