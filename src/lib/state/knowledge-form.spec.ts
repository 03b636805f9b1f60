import { describe, expect, it } from 'vitest';
import type { KnowledgeEntry } from '$lib/shared/schemas/knowledge';
import { KnowledgeFormState } from './knowledge-form.svelte';

const entry: KnowledgeEntry = {
  id: 3, kind: 'article', title: 'Returns', body: 'Send it back within 30 days.', tags: ['returns', 'policy'], language: 'da', shortcut: 'returns', inboxIds: [2], createdBy: 1, updatedBy: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('KnowledgeFormState', () => {
  it('starts from the entry being edited and sends it back unchanged', () => {
    const f = new KnowledgeFormState(entry);
    expect(f.payload()).toEqual({ kind: 'article', title: 'Returns', body: 'Send it back within 30 days.', tags: ['returns', 'policy'], language: 'da', shortcut: 'returns', inboxIds: [2] });
  });

  it('turns the typed tags, language and shortcut into the body the server expects', () => {
    const f = new KnowledgeFormState(null, { language: 'pl' });
    f.title = '  Zwrot  ';
    f.body = 'Dzień dobry {{contact.first_name}} {{order.id}}';
    f.tags = ' zwroty, płatności,, zwroty ';
    f.shortcut = '  ';
    f.toggleInbox(4, true);
    f.toggleInbox(5, true);
    f.toggleInbox(4, false);
    expect(f.payload()).toEqual({ kind: 'response', title: 'Zwrot', body: 'Dzień dobry {{contact.first_name}} {{order.id}}', tags: ['zwroty', 'płatności'], language: 'pl', shortcut: null, inboxIds: [5] });
    expect(f.unknownVariables).toEqual(['order.id']);
    f.language = 'any';
    expect(f.payload().language).toBeNull();
  });
});
