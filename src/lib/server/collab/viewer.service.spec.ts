import { describe, expect, it } from 'vitest';
import { ViewerService } from './viewer.service';

const anna = { userId: 1, name: 'Anna' };
const piotr = { userId: 2, name: 'Piotr' };
const at = (conversationId: number) => ({ conversationId, inboxId: 9 });

describe('ViewerService', () => {
  it('lists the agents who have a conversation open, in the order they came', () => {
    const s = new ViewerService();
    s.view('a1', { ...at(5), ...anna });
    const [change] = s.view('p1', { ...at(5), ...piotr });
    expect(change).toEqual({ conversationId: 5, inboxId: 9, viewers: [anna, piotr] });
  });

  it('moves a socket that switches conversation and announces both lists', () => {
    const s = new ViewerService();
    s.view('a1', { ...at(5), ...anna });
    const changes = s.view('a1', { ...at(6), ...anna });
    expect(changes).toEqual([
      { conversationId: 5, inboxId: 9, viewers: [] },
      { conversationId: 6, inboxId: 9, viewers: [anna] },
    ]);
    expect(s.viewers(5)).toEqual([]);
  });

  it('lists an agent with two tabs once and keeps them until the last tab leaves', () => {
    const s = new ViewerService();
    s.view('a1', { ...at(5), ...anna });
    s.view('a2', { ...at(5), ...anna });
    expect(s.viewers(5)).toEqual([anna]);
    expect(s.leave('a1')).toEqual([{ conversationId: 5, inboxId: 9, viewers: [anna] }]);
    expect(s.leave('a2')).toEqual([{ conversationId: 5, inboxId: 9, viewers: [] }]);
  });

  it('announces nothing when a socket repeats what it shows or leaves twice', () => {
    const s = new ViewerService();
    s.view('a1', { ...at(5), ...anna });
    expect(s.view('a1', { ...at(5), ...anna })).toEqual([]);
    s.leave('a1');
    expect(s.leave('a1')).toEqual([]);
  });
});
