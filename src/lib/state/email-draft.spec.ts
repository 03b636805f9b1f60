import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EmailDraftState } from './email-draft.svelte';

class MemoryStorage {
  map = new Map<string, string>();
  getItem = (k: string) => this.map.get(k) ?? null;
  setItem = (k: string, v: string) => void this.map.set(k, v);
  removeItem = (k: string) => void this.map.delete(k);
}

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  vi.stubGlobal('localStorage', storage);
});

describe('email reply draft', () => {
  it('adds valid Cc addresses as chips, lower-cased and once, and keeps the invalid rest with a message', () => {
    const d = new EmailDraftState(1);
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

  it('sends a subject only when the thread needs one, and only non-empty fields', () => {
    const d = new EmailDraftState(2);
    expect(d.fields(true)).toEqual({});
    d.subject = '  Your order  ';
    d.cc = ['a@b.dk'];
    expect(d.fields(true)).toEqual({ subject: 'Your order', cc: ['a@b.dk'] });
    expect(d.fields(false)).toEqual({ cc: ['a@b.dk'] });
  });

  it('survives a reload through localStorage per conversation and is gone after clear', () => {
    const d = new EmailDraftState(3);
    d.subject = 'Refund';
    d.cc = ['a@b.dk'];
    d.attachments.restore([{ id: 9, filename: 'r.pdf', contentType: 'application/pdf', size: 10 }]);
    d.flush();
    const again = new EmailDraftState(3);
    expect(again.subject).toBe('Refund');
    expect(again.cc).toEqual(['a@b.dk']);
    expect(again.attachments.ids).toEqual([9]);
    expect(new EmailDraftState(4).subject).toBe('');
    again.clear();
    expect(storage.map.has('sb_email_draft:3')).toBe(false);
  });

  it('refuses files over the size limit before uploading', () => {
    const d = new EmailDraftState(5);
    const big = { name: 'huge.zip', size: d.attachments.maxBytes + 1, type: 'application/zip' } as File;
    d.attachments.add([big]);
    expect(d.attachments.items).toEqual([]);
    expect(d.attachments.notice).toMatch(/huge\.zip is larger than 10 MB/);
  });
});
