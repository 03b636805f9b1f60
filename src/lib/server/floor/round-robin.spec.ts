import { describe, expect, it } from 'vitest';
import { nextAssignee, recordTurn, type Candidate } from './round-robin';

const agent = (userId: number, over: Partial<Candidate> = {}): Candidate => ({ userId, presence: 'online', open: 0, capacity: 5, lastTurn: 0, ...over });

describe('round-robin auto-assignment', () => {
  it('gives the conversation to the available agent whose last turn is the oldest', () => {
    expect(nextAssignee([agent(1, { lastTurn: 3 }), agent(2, { lastTurn: 1 }), agent(3, { lastTurn: 2 })])).toBe(2);
  });

  it('prefers an agent who never had a turn, and breaks ties by the lower id', () => {
    expect(nextAssignee([agent(4, { lastTurn: 1 }), agent(9), agent(7)])).toBe(7);
  });

  it('skips away and offline agents and agents at capacity', () => {
    const list = [agent(1, { presence: 'away' }), agent(2, { presence: 'offline' }), agent(3, { open: 5, capacity: 5 }), agent(4, { lastTurn: 10 })];
    expect(nextAssignee(list)).toBe(4);
  });

  it('assigns nobody when no one is available', () => {
    expect(nextAssignee([agent(1, { presence: 'away' }), agent(2, { open: 2, capacity: 2 })])).toBeNull();
    expect(nextAssignee([])).toBeNull();
  });

  it('cycles through everyone before anyone gets a second turn', () => {
    let turns: Record<string, number> = {};
    const picked: number[] = [];
    for (let i = 0; i < 6; i++) {
      const id = nextAssignee([1, 2, 3].map((u) => agent(u, { lastTurn: turns[u] ?? 0 })))!;
      picked.push(id);
      turns = recordTurn(turns, id);
    }
    expect(picked).toEqual([1, 2, 3, 1, 2, 3]);
  });
});
