import { describe, expect, it } from 'vitest';
import type { PublishedEvent } from '../events/event-bus';
import { FactFanout } from './fact-fanout';
import { ALL_INBOXES, inboxRoom, userRoom } from './rooms';

/** Sockets a1, a2 in inbox 1; b1 in inbox 2; sup sees all inboxes; each socket in its user's room. */
function sockets() {
  const rooms = new Map<string, Set<string>>([
    [inboxRoom(1), new Set(['a1', 'a2'])],
    [inboxRoom(2), new Set(['b1'])],
    [ALL_INBOXES, new Set(['sup'])],
    [userRoom(10), new Set(['a1'])],
  ]);
  const frames: { ids: string[]; event: string; payload: unknown }[] = [];
  const fanout = new FactFanout({
    room: (name) => rooms.get(name),
    all: () => ['a1', 'a2', 'b1', 'sup'],
    emit: (ids, event, payload) => frames.push({ ids: [...ids].sort(), event, payload }),
  });
  return { fanout, frames };
}

let seq = 0;
function fact(scope: { inboxId?: number; userId?: number }, type: 'message.created' | 'inbox.updated' = 'inbox.updated'): PublishedEvent {
  const s = ++seq;
  return { seq: s, type, payload: { seq: s, inboxId: scope.inboxId ?? 0 }, inboxId: scope.inboxId ?? null, userId: scope.userId ?? null } as PublishedEvent;
}

const flushed = () => new Promise<void>((r) => queueMicrotask(r));

describe('fact fan-out', () => {
  it('sends the facts published together as one frame per socket, each socket only its own, in seq order', async () => {
    const { fanout, frames } = sockets();
    const e1 = fact({ inboxId: 1 });
    const e2 = fact({ inboxId: 2 });
    const e3 = fact({ inboxId: 1 });
    const e4 = fact({ userId: 10 });
    for (const e of [e1, e2, e3, e4]) fanout.publish(e);
    expect(frames).toEqual([]);
    await flushed();
    const to = (id: string) => frames.filter((f) => f.ids.includes(id));
    expect(to('a1')).toHaveLength(1);
    expect(to('a1')[0]).toMatchObject({ event: 'facts', payload: [e1, e3, e4].map((e) => ({ seq: e.seq, type: e.type, payload: e.payload })) });
    expect(to('a2')[0]).toMatchObject({ event: 'facts', payload: [e1, e3].map((e) => ({ seq: e.seq, type: e.type, payload: e.payload })) });
    expect(to('sup')[0]).toMatchObject({ event: 'facts', payload: [e1, e2, e3].map((e) => ({ seq: e.seq, type: e.type, payload: e.payload })) });
    // b1 sees one fact: it comes as itself, not as a list.
    expect(to('b1')).toEqual([{ ids: ['b1'], event: e2.type, payload: e2.payload }]);
  });

  it('encodes one frame for all sockets that see the same facts', async () => {
    const { fanout, frames } = sockets();
    fanout.publish(fact({ inboxId: 1 }));
    fanout.publish(fact({ inboxId: 1 }, 'message.created'));
    await flushed();
    expect(frames.map((f) => f.ids)).toEqual([['a1', 'a2', 'sup']]);
  });

  it('sends a fact without inbox or user to every socket, and one for a user nobody is connected as to no one', async () => {
    const { fanout, frames } = sockets();
    const everyone = fact({});
    fanout.publish(everyone);
    fanout.publish(fact({ userId: 77 }));
    await flushed();
    expect(frames).toEqual([{ ids: ['a1', 'a2', 'b1', 'sup'], event: everyone.type, payload: everyone.payload }]);
  });

  it('logs a failing emit instead of throwing it out of the microtask', async () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      const fanout = new FactFanout({
        room: () => new Set(['a1']),
        all: () => ['a1'],
        emit: () => {
          throw new Error('socket gone');
        },
      });
      fanout.publish(fact({ inboxId: 1 }));
      await flushed();
      await flushed();
    } finally {
      console.error = original;
    }
    expect(String(errors[0])).toContain('fan-out failed');
  });

  it('starts a new frame for facts published after the flush', async () => {
    const { fanout, frames } = sockets();
    fanout.publish(fact({ inboxId: 2 }));
    await flushed();
    fanout.publish(fact({ inboxId: 2 }));
    await flushed();
    expect(frames.filter((f) => f.ids.includes('b1')).map((f) => f.event)).toEqual(['inbox.updated', 'inbox.updated']);
  });
});
