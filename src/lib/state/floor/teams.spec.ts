import { describe, expect, it } from 'vitest';
import { withMember, withRole } from './teams.svelte';

describe('team member edits', () => {
  it('adds a user once, as a member', () => {
    const one = withMember([], 4);
    expect(one).toEqual([{ userId: 4, role: 'member' }]);
    expect(withMember(withRole(one, 4, 'lead'), 4)).toEqual([{ userId: 4, role: 'lead' }]);
  });

  it('changes only the named member’s role', () => {
    expect(withRole([{ userId: 1, role: 'member' }, { userId: 2, role: 'member' }], 2, 'lead')).toEqual([
      { userId: 1, role: 'member' },
      { userId: 2, role: 'lead' },
    ]);
  });
});
