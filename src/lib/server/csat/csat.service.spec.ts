import { afterEach, describe, expect, it } from 'vitest';
import { authFor, makeInbox, makeUser, testApp } from '../../../../tests/factories/app.factory';
import { createApp } from '../app';
import { loadEnv } from '../env';
import { CSAT_TOKEN_TTL_MS } from './csat-token';

let app = testApp();
afterEach(async () => {
  await app.close();
  app = testApp();
});

async function resolvedConversation() {
  const agent = await makeUser(app, 'agent', 'Anna Nowak');
  const inbox = makeInbox(app, [agent.id], 'Shop');
  const { conversationId } = app.messages.ingest(inbox.record, { contact: { externalId: 'c1', name: 'Zofia' }, externalMessageId: 'm1', text: 'Hello' });
  app.conversations.update(authFor(app, agent), conversationId, { status: 'resolved' });
  const token = app.csat.surveys.pendingToken(conversationId)!;
  return { conversationId, token };
}

describe('the survey service', () => {
  it('shows the page states: open, rated, invalid', async () => {
    const { token } = await resolvedConversation();
    expect(app.csat.surveys.view(token)).toEqual({ state: 'open', inboxName: 'Shop' });
    app.csat.surveys.rate(token, { rating: 2 });
    expect(app.csat.surveys.view(token)).toEqual({ state: 'rated', inboxName: 'Shop', rating: 2 });
    expect(app.csat.surveys.view(token.slice(0, -2) + 'xx')).toEqual({ state: 'invalid' });
    expect(app.csat.surveys.pendingToken(Number(token.split('.')[0]))).toBeNull();
  });

  it('refuses an answer after 30 days with 410 and shows the survey as closed', async () => {
    const { token } = await resolvedConversation();
    const later = Date.now() + CSAT_TOKEN_TTL_MS + 60_000;
    expect(() => app.csat.surveys.rate(token, { rating: 5 }, later)).toThrowError(expect.objectContaining({ status: 410, code: 'survey_expired' }));
    expect(app.csat.surveys.view(token, later)).toEqual({ state: 'expired', inboxName: 'Shop' });
  });

  it('keeps the signing key across restarts, so sent links still work', async () => {
    const { token } = await resolvedConversation();
    const file = app.env.databasePath;
    await app.close();
    app = createApp(loadEnv({ DATABASE_URL: `file:${file}`, LOG_LEVEL: 'silent' }));
    expect(app.csat.surveys.view(token).state).toBe('open');
  });
});
