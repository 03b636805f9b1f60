import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanReason, EscalateForm } from './escalate-form.svelte';

afterEach(() => vi.unstubAllGlobals());

describe('the escalate form', () => {
  it('takes a trimmed reason of 3 to 500 characters', () => {
    expect(cleanReason('  Needs a manager ')).toBe('Needs a manager');
    expect(cleanReason(' ok ')).toBeNull();
    expect(cleanReason('x'.repeat(501))).toBeNull();
    expect(cleanReason('x'.repeat(500))).toHaveLength(500);
  });

  it('does not send a reason that is too short, and says why', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const form = new EscalateForm(7);
    form.reason = 'no';
    expect(await form.submit()).toBeNull();
    expect(form.error).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('posts the reason and shows the server’s refusal', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ error: { code: 'conversation_resolved', message: 'reopen it first' } }), { status: 409, headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetch);
    const form = new EscalateForm(7);
    form.reason = ' Wants a refund ';
    expect(await form.submit()).toBeNull();
    expect(fetch).toHaveBeenCalledWith('/api/conversations/7/escalate', expect.objectContaining({ method: 'POST', body: JSON.stringify({ reason: 'Wants a refund' }) }));
    expect(form.error).toBe('reopen it first');
    expect(form.pending).toBe(false);
  });
});
