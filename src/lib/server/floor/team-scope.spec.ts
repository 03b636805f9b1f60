import { afterEach, describe, expect, it } from 'vitest';
import { makeUser, testApp } from '../../../../tests/factories/app.factory';
import type { SwitchboardApp } from '../app';
import { visibleAgentIds } from './team-scope';
import { escalatedPriority } from './escalation.service';

let app: SwitchboardApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('team scope', () => {
  it('gives a lead themself and the members of the teams they lead, not of teams they only belong to', async () => {
    const sb = (app = testApp());
    const lead = await makeUser(sb, 'lead', 'Liisa');
    const [a, b, c] = [await makeUser(sb), await makeUser(sb), await makeUser(sb)];
    sb.floor.teams.create({ name: 'Helsinki', members: [{ userId: lead.id, role: 'lead' }, { userId: a.id, role: 'member' }] });
    sb.floor.teams.create({ name: 'Oulu', members: [{ userId: lead.id, role: 'member' }, { userId: b.id, role: 'member' }] });
    sb.floor.teams.create({ name: 'Turku', members: [{ userId: c.id, role: 'lead' }] });
    expect(visibleAgentIds(sb.db, lead)).toEqual([lead.id, a.id].sort((x, y) => x - y));
  });

  it('gives an agent only themself and supervisors and admins everyone', async () => {
    const sb = (app = testApp());
    const agent = await makeUser(sb, 'agent');
    expect(visibleAgentIds(sb.db, agent)).toEqual([agent.id]);
    expect(visibleAgentIds(sb.db, { id: 99, role: 'supervisor' })).toBe('all');
    expect(visibleAgentIds(sb.db, { id: 98, role: 'admin' })).toBe('all');
  });

  it('gives a lead without a team only themself', async () => {
    const sb = (app = testApp());
    const lead = await makeUser(sb, 'lead');
    expect(visibleAgentIds(sb.db, lead)).toEqual([lead.id]);
  });
});

describe('escalated priority', () => {
  it('raises low and normal to high and keeps high and urgent', () => {
    expect(['low', 'normal', 'high', 'urgent'].map((p) => escalatedPriority(p as 'low'))).toEqual(['high', 'high', 'high', 'urgent']);
  });
});
