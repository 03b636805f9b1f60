import { describe, expect, it } from 'vitest';
import type { Message } from '$lib/shared/schemas/message';
import { systemEventText } from '../i18n';

function line(event: string, eventData: Record<string, unknown>, text = 'server text'): Message {
  return { id: 1, direction: 'system', text, event, eventData } as unknown as Message;
}

describe('incident lines in a thread', () => {
  it('name who linked the conversation, or say it was linked automatically', () => {
    expect(systemEventText(line('incident_linked', { incidentId: 4, incidentTitle: 'Login errors', actorName: 'Anna Nowak' }))).toBe(
      'Anna Nowak linked this conversation to incident #4: Login errors',
    );
    expect(systemEventText(line('incident_linked', { incidentId: 4, incidentTitle: 'Login errors', auto: 1, actorName: null }))).toBe('Linked automatically to incident #4: Login errors');
  });

  it('name who unlinked it', () => {
    expect(systemEventText(line('incident_unlinked', { incidentId: 4, actorName: 'Anna Nowak' }))).toBe('Anna Nowak unlinked this conversation from incident #4');
    expect(systemEventText(line('incident_unlinked', { incidentId: 4, actorName: null }))).toBe('Unlinked from incident #4');
  });
});
