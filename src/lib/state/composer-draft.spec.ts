import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { draftHost, FakeDraftServer } from '$lib/client/offline/offline.factory';
import { ComposerDraft, mergeBoth } from './composer-draft.svelte';

const receipt = { id: 1, filename: 'receipt.pdf', contentType: 'application/pdf', size: 100 };
const label = { id: 2, filename: 'label.pdf', contentType: 'application/pdf', size: 200 };

beforeEach(() => {
  vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => {}, removeItem: () => {} });
});
afterEach(() => vi.unstubAllGlobals());

describe('ComposerDraft', () => {
  it('keeps both texts on "keep both", with this device’s subject, and every address and file once', () => {
    const mine = { text: 'Mine', subject: 'Refund', cc: ['a@x.dk', 'b@x.dk'], attachments: [receipt] };
    const theirs = { text: 'Theirs', subject: 'Refund for order 42', cc: ['b@x.dk', 'c@x.dk'], attachments: [receipt, label] };
    expect(mergeBoth(mine, theirs)).toEqual({ text: 'Theirs\n\nMine', subject: 'Refund', cc: ['a@x.dk', 'b@x.dk', 'c@x.dk'], attachments: [receipt, label] });
    expect(mergeBoth({ ...mine, subject: null }, theirs).subject).toBe('Refund for order 42');
    expect(mergeBoth(mine, { ...theirs, text: 'Mine' }).text).toBe('Mine');
  });

  it('shows a conflict that differs only in the Cc, and saves the merged version on the other device’s revision', async () => {
    const server = new FakeDraftServer();
    server.upload(receipt);
    const laptop = new ComposerDraft(3, await draftHost(server));
    const tablet = new ComposerDraft(3, await draftHost(server));
    await Promise.all([laptop.load(), tablet.load()]);
    laptop.edit('reply', { text: 'Hello', cc: ['boss@firma.pl'], attachments: [receipt] });
    tablet.edit('reply', { text: 'Hello', cc: ['accounts@firma.pl'] });
    await laptop.flush();
    await expect.poll(async () => (await server.get(3)).reply.revision).toBe(1);
    await tablet.flush();
    await expect.poll(() => tablet.conflict).toMatchObject({ kind: 'reply', mine: { cc: ['accounts@firma.pl'] }, theirs: { cc: ['boss@firma.pl'], revision: 1 } });
    await tablet.resolve('both');
    expect(tablet.content.reply).toEqual({ text: 'Hello', subject: null, cc: ['accounts@firma.pl', 'boss@firma.pl'], attachments: [receipt] });
    expect((await server.get(3)).reply).toMatchObject({ cc: ['accounts@firma.pl', 'boss@firma.pl'], attachments: [receipt], revision: 2 });
  });

  it('saves a change of the reply’s fields while the note is open (an upload that finishes later)', async () => {
    const host = await draftHost();
    host.server.online = false;
    const draft = new ComposerDraft(4, host);
    await draft.load();
    draft.setMode('note');
    draft.text = 'Internal';
    draft.changed();
    draft.edit('reply', { attachments: [label] });
    await draft.flush();
    expect(await host.drafts.load(4, 'reply')).toMatchObject({ attachments: [label], dirty: true });
    expect(await host.drafts.load(4, 'note')).toMatchObject({ text: 'Internal', dirty: true });
  });
});
