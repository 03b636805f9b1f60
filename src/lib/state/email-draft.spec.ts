import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { draftHost } from '$lib/client/offline/offline.factory';
import { ComposerDraft } from './composer-draft.svelte';
import { EmailDraftState } from './email-draft.svelte';

class MemoryStorage {
  map = new Map<string, string>();
  getItem = (k: string) => this.map.get(k) ?? null;
  setItem = (k: string, v: string) => void this.map.set(k, v);
  removeItem = (k: string) => void this.map.delete(k);
}

const file = { id: 9, filename: 'r.pdf', contentType: 'application/pdf', size: 10 };

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  vi.stubGlobal('localStorage', storage);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** The email fields of a freshly opened composer (`host` stands for one device). */
async function open(conversationId: number, host?: Awaited<ReturnType<typeof draftHost>>) {
  const device = host ?? (await draftHost());
  const composer = new ComposerDraft(conversationId, device);
  await composer.load();
  return { composer, email: new EmailDraftState(composer), device };
}

describe('email reply draft', () => {
  it('adds valid Cc addresses as chips, lower-cased and once, and keeps the invalid rest with a message', async () => {
    const { email: d } = await open(1);
    d.ccInput = 'Anna@Firma.pl, bob@, mikko@yritys.fi';
    expect(d.commitCc()).toBe(false);
    expect(d.cc).toEqual(['anna@firma.pl', 'mikko@yritys.fi']);
    expect(d.ccInput).toBe('bob@');
    expect(d.ccError).toMatch(/bob@/);
    expect(d.ready).toBe(false);
    d.ccInput = 'anna@firma.pl';
    d.commitCc();
    expect(d.cc).toEqual(['anna@firma.pl', 'mikko@yritys.fi']);
    expect(d.ccError).toMatch(/already/);
    expect(d.ready).toBe(true);
  });

  it('sends a subject only when the thread needs one, and only non-empty fields', async () => {
    const { email: d, composer } = await open(2);
    expect(d.fields(true)).toEqual({});
    d.subject = '  Your order  ';
    d.ccInput = 'a@b.dk';
    d.commitCc();
    composer.edit('reply', { attachments: [file] });
    expect(d.fields(true)).toEqual({ subject: 'Your order', cc: ['a@b.dk'], attachmentIds: [9] });
    expect(d.fields(false)).toEqual({ cc: ['a@b.dk'], attachmentIds: [9] });
  });

  it('keeps the subject and Cc in IndexedDB within 300 ms of the change and brings them back after a reload', async () => {
    const { email: d, device } = await open(3);
    device.server.online = false;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    d.subject = 'Refund ';
    d.ccInput = 'boss@firma.pl';
    d.commitCc();
    await vi.advanceTimersByTimeAsync(300);
    vi.useRealTimers();
    await expect.poll(() => device.drafts.load(3, 'reply')).toMatchObject({ subject: 'Refund ', cc: ['boss@firma.pl'], dirty: true });
    const reloaded = await open(3, device);
    expect(reloaded.email.subject).toBe('Refund ');
    expect(reloaded.email.cc).toEqual(['boss@firma.pl']);
    expect(storage.map.size).toBe(0);
  });

  it('saves the fields on the server with the text, so another device of the agent has them', async () => {
    const laptop = await open(4);
    laptop.device.server.upload(file);
    laptop.composer.text = 'See the receipt';
    laptop.email.subject = 'Receipt';
    laptop.email.ccInput = 'boss@firma.pl';
    laptop.email.commitCc();
    laptop.composer.edit('reply', { attachments: [file] });
    await laptop.composer.flush();
    await expect.poll(async () => (await laptop.device.server.get(4)).reply).toMatchObject({ text: 'See the receipt', subject: 'Receipt', cc: ['boss@firma.pl'], attachments: [file] });
    const tablet = await open(4, await draftHost(laptop.device.server));
    expect(tablet.email.subject).toBe('Receipt');
    expect(tablet.email.cc).toEqual(['boss@firma.pl']);
    expect(tablet.email.attachments).toMatchObject([{ id: 9, filename: 'r.pdf', status: 'done' }]);
  });

  it('empties the subject, Cc and files with the reply when it is sent', async () => {
    const { email: d, composer, device } = await open(5);
    composer.text = 'Done';
    d.subject = 'Refund';
    composer.edit('reply', { cc: ['a@b.dk'], attachments: [file] });
    await composer.flush();
    const fields = d.fields(true);
    d.clear();
    await composer.sent('reply', Promise.resolve());
    expect(fields).toEqual({ subject: 'Refund', cc: ['a@b.dk'], attachmentIds: [9] });
    expect([d.subject, d.cc, d.attachments]).toEqual(['', [], []]);
    expect(await device.drafts.load(5, 'reply')).toMatchObject({ text: '', subject: null, cc: [], attachments: [] });
  });

  it('removes a stored file from the draft', async () => {
    const { email: d, composer } = await open(6);
    composer.edit('reply', { attachments: [file, { ...file, id: 10, filename: 's.png' }] });
    d.removeAttachment(d.attachments[0]!.key);
    expect(d.attachments.map((a) => a.filename)).toEqual(['s.png']);
    expect(d.fields(false)).toEqual({ attachmentIds: [10] });
  });

  it('moves a draft an earlier version kept in localStorage into the synced reply draft, once', async () => {
    storage.setItem('sb_email_draft:7', JSON.stringify({ subject: 'Zwrot', cc: ['szef@firma.pl', 'not an address'], attachments: [file] }));
    const device = await draftHost();
    device.server.upload(file);
    const { email: d, composer } = await open(7, device);
    const leave = () => composer.flush();
    expect(d.subject).toBe('Zwrot');
    // An invalid address never passed the old Cc input either: the list is dropped, the rest kept.
    expect(d.cc).toEqual([]);
    expect(d.attachments).toMatchObject([{ id: 9, status: 'done' }]);
    expect(storage.map.has('sb_email_draft:7')).toBe(false);
    expect(await device.drafts.load(7, 'reply')).toMatchObject({ subject: 'Zwrot', attachments: [file] });
    expect((await device.server.get(7)).reply).toMatchObject({ subject: 'Zwrot', attachments: [file], revision: 1 });
    // Once: a subject cleared afterwards does not come back from the old copy.
    d.subject = '';
    await leave();
    const again = await open(7, device);
    expect(again.email.subject).toBe('');
  });

  it('counts the files already in the draft toward the limit of ten', async () => {
    const { email: d, composer } = await open(10);
    composer.edit('reply', { attachments: Array.from({ length: 10 }, (_, i) => ({ ...file, id: i + 1 })) });
    d.uploads.add([{ name: 'one-more.pdf', size: 10, type: 'application/pdf' } as File]);
    expect(d.attachments).toHaveLength(10);
    expect(d.uploads.notice).toBe('At most 10 files per reply');
  });

  it('refuses files over the size limit before uploading', async () => {
    const { email: d } = await open(9);
    const big = { name: 'huge.zip', size: d.uploads.maxBytes + 1, type: 'application/zip' } as File;
    d.uploads.add([big]);
    expect(d.attachments).toEqual([]);
    expect(d.uploads.notice).toMatch(/huge\.zip is larger than 10 MB/);
  });
});
