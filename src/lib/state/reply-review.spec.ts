import { describe, expect, it } from 'vitest';
import type { Message } from '$lib/shared/schemas/message';
import { ReplyReview, type ReviewedThread } from './reply-review.svelte';

const ME = 7;
let ids = 100;

function msg(over: Partial<Message> & Pick<Message, 'direction'>): Message {
  return {
    id: ++ids,
    conversationId: 1,
    private: false,
    text: 'text',
    html: null,
    status: over.direction === 'incoming' ? 'received' : 'sent',
    error: null,
    createdAt: new Date().toISOString(),
    author: over.direction === 'incoming' ? { type: 'contact', id: 3, name: 'Zofia' } : { type: 'user', id: ME, name: 'Me' },
    clientId: null,
    externalId: null,
    event: null,
    eventData: null,
    attachments: [],
    email: null,
    ...over,
  };
}

const customer = (text = 'hello') => msg({ direction: 'incoming', text });
const agent = (id: number, name: string, extra: Partial<Message> = {}) => msg({ direction: 'outgoing', author: { type: 'user', id, name }, ...extra });

function setup(initial: Message[] = [customer('first')]) {
  const thread: { messages: Message[]; detail: unknown } = { messages: initial, detail: {} };
  const review = new ReplyReview(thread as ReviewedThread, () => ME);
  return { thread, review, add: (...m: Message[]) => (thread.messages = [...thread.messages, ...m]) };
}

describe('ReplyReview', () => {
  it('lets a reply go when nothing arrived since it was started', () => {
    const { review } = setup();
    review.edited('H');
    expect(review.check()).toBe(true);
    expect(review.warning).toBe(false);
  });

  it('stops a reply when the customer wrote again after the first keystroke', () => {
    const { review, add } = setup();
    review.edited('We will');
    add(customer('Actually, cancel it'));
    expect(review.check()).toBe(false);
    expect(review.arrivals).toEqual([{ kind: 'customer', name: 'Zofia', count: 1 }]);
  });

  it('stops a reply when another agent answered in public, and names them', () => {
    const { review, add } = setup();
    review.edited('Sure');
    add(agent(9, 'Anna'), agent(9, 'Anna'), customer());
    expect(review.check()).toBe(false);
    expect(review.arrivals).toEqual([
      { kind: 'customer', name: 'Zofia', count: 1 },
      { kind: 'agent', name: 'Anna', count: 2 },
    ]);
  });

  it('ignores private notes, system lines, my own replies and my queued copies', () => {
    const { review, add } = setup();
    review.edited('Sure');
    add(agent(9, 'Anna', { private: true }), msg({ direction: 'system', author: null, event: 'assigned' }), agent(ME, 'Me'), agent(ME, 'Me', { id: -4, status: 'queued' }));
    expect(review.check()).toBe(true);
  });

  it('remembers the thread at the first keystroke, not at later ones', () => {
    const { review, add } = setup();
    review.edited('S');
    add(customer('new'));
    review.edited('Su');
    review.edited('Sure');
    expect(review.check()).toBe(false);
  });

  it('starts again when the reply is emptied', () => {
    const { review, add } = setup();
    review.edited('S');
    add(customer('new'));
    review.edited('');
    review.edited('Fresh start');
    expect(review.check()).toBe(true);
  });

  it('waits for the thread to load before remembering it', () => {
    const { thread, review, add } = setup([]);
    thread.detail = null;
    review.edited('typed early');
    expect(review.baseline).toBeNull();
    thread.detail = {};
    add(customer('old, loaded now'));
    review.edited('typed early.');
    expect(review.check()).toBe(true);
  });

  it('re-arms on "Review" at what is shown now and returns the first new message', () => {
    const { review, add } = setup();
    review.edited('Sure');
    const first = customer('one');
    add(first, customer('two'));
    expect(review.check()).toBe(false);
    expect(review.review()).toBe(first.id);
    expect(review.warning).toBe(false);
    expect(review.check()).toBe(true);
    add(agent(9, 'Anna'));
    expect(review.check()).toBe(false);
  });

  it('forgets everything once the reply was sent', () => {
    const { review, add } = setup();
    review.edited('Sure');
    add(customer());
    expect(review.check()).toBe(false);
    review.reset();
    expect(review.warning).toBe(false);
    expect(review.check()).toBe(true);
  });
});
