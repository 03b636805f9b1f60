import { describe, expect, it } from 'vitest';
import { foldForMatch, incidentMatches, pickIncident, type MatchableIncident, type NewConversation } from './incident-matcher';

const incident = (over: Partial<MatchableIncident> = {}): MatchableIncident => ({ id: 1, severity: 'major', createdAt: 1000, keywords: [], channels: [], inboxIds: [], ...over });
const conv = (over: Partial<NewConversation> = {}): NewConversation => ({ inboxId: 7, channel: 'email', subject: null, text: '', ...over });

describe('incident matching', () => {
  it('folds case, accents and the letters Unicode does not decompose', () => {
    expect(foldForMatch('Płatności  NIE działają')).toBe('platnosci nie dzialaja');
    expect(foldForMatch('Søren Ærø MAKSU epäonnistui')).toBe('soren aero maksu epaonnistui');
  });

  it('finds a Polish stem with diacritics in any inflected form, in the subject or the text', () => {
    const payments = incident({ keywords: ['płatn'] });
    expect(incidentMatches(payments, conv({ text: 'Moja PŁATNOŚĆ nie przeszła' }))).toBe(true);
    expect(incidentMatches(payments, conv({ text: 'brak platnosci od rana' }))).toBe(true);
    expect(incidentMatches(payments, conv({ subject: 'Problem z płatnościami', text: 'pomocy' }))).toBe(true);
    expect(incidentMatches(payments, conv({ text: 'Zamówienie nie dotarło' }))).toBe(false);
  });

  it('matches a keyword phrase across extra spaces and line breaks', () => {
    expect(incidentMatches(incident({ keywords: ['kan ikke betale'] }), conv({ text: 'Jeg KAN\nikke   betale min ordre' }))).toBe(true);
  });

  it('needs every kind of rule that is given, and any one entry within a kind', () => {
    const rules = incident({ keywords: ['maksu', 'payment'], channels: ['chat', 'whatsapp'], inboxIds: [7] });
    expect(incidentMatches(rules, conv({ channel: 'chat', text: 'payment failed' }))).toBe(true);
    expect(incidentMatches(rules, conv({ channel: 'whatsapp', text: 'Maksu ei mene läpi' }))).toBe(true);
    expect(incidentMatches(rules, conv({ channel: 'email', text: 'payment failed' })), 'wrong channel').toBe(false);
    expect(incidentMatches(rules, conv({ channel: 'chat', inboxId: 8, text: 'payment failed' })), 'wrong inbox').toBe(false);
    expect(incidentMatches(rules, conv({ channel: 'chat', text: 'where is my parcel' })), 'no keyword').toBe(false);
  });

  it('links by channel alone, or by inbox alone, when those are the only rules', () => {
    expect(incidentMatches(incident({ channels: ['telegram'] }), conv({ channel: 'telegram', text: 'anything' }))).toBe(true);
    expect(incidentMatches(incident({ channels: ['telegram'] }), conv({ channel: 'email', text: 'anything' }))).toBe(false);
    expect(incidentMatches(incident({ inboxIds: [7, 9] }), conv({ inboxId: 9 }))).toBe(true);
  });

  it('takes nothing with no rules at all', () => {
    expect(incidentMatches(incident(), conv({ text: 'payment failed' }))).toBe(false);
  });

  it('picks the most severe matching incident, then the newest', () => {
    const minor = incident({ id: 1, severity: 'minor', createdAt: 3000, channels: ['chat'] });
    const criticalOld = incident({ id: 2, severity: 'critical', createdAt: 1000, channels: ['chat'] });
    const criticalNew = incident({ id: 3, severity: 'critical', createdAt: 2000, keywords: ['login'] });
    const unrelated = incident({ id: 4, severity: 'critical', createdAt: 9000, channels: ['email'] });
    expect(pickIncident([minor, criticalOld, criticalNew, unrelated], conv({ channel: 'chat', text: 'cannot login' }))?.id).toBe(3);
    expect(pickIncident([minor, criticalOld, unrelated], conv({ channel: 'chat', text: 'cannot login' }))?.id).toBe(2);
    expect(pickIncident([minor], conv({ channel: 'email' }))).toBeNull();
  });
});
