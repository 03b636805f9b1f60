import { describe, expect, it } from 'vitest';
import { slackPayload, teamsPayload, webhookPayload, type WebhookIncident } from './crisis-webhook.payload';

const URL_ = 'https://support.example.com';
const incident: WebhookIncident = {
  id: 42,
  title: 'Card payments failing',
  severity: 'critical',
  status: 'investigating',
  message: 'Payments by card fail at checkout. We are on it.',
  components: ['Payments', 'Checkout'],
};

describe('the Slack webhook payload', () => {
  it('says what happened, the severity, the title and the current message in text, with links to the incident and the status page', () => {
    const p = slackPayload('declared', incident, URL_);
    expect(p.text).toBe('Incident declared [Critical]: Card payments failing — Payments by card fail at checkout. We are on it.');
    const all = JSON.stringify(p.blocks);
    expect(all).toContain(`<${URL_}/crisis/42|Open incident #42 in Switchboard>`);
    expect(all).toContain(`<${URL_}/status|Public status page>`);
    expect(all).toContain('*Critical* · Investigating · Affects: Payments, Checkout');
    expect(p.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Incident declared: Card payments failing', emoji: true } });
  });

  it('names an update by its status and a resolution as resolved', () => {
    expect(slackPayload('updated', { ...incident, status: 'identified', message: 'Found it.' }, URL_).text).toBe('Incident update: Identified [Critical]: Card payments failing — Found it.');
    const resolved = slackPayload('resolved', { ...incident, status: 'resolved', message: 'Fixed.' }, URL_);
    expect(resolved.text).toMatch(/^Incident resolved \[Critical\]/);
    expect(JSON.stringify(resolved.blocks)).toContain(':white_check_mark:');
  });

  it('escapes the characters Slack reads as markup, so customer text cannot forge links or mentions', () => {
    const p = slackPayload('updated', { ...incident, title: 'A & B', message: 'See <https://evil.example|here> <!channel>' }, URL_);
    expect(p.text).toContain('A &amp; B');
    expect(p.text).toContain('See &lt;https://evil.example|here&gt; &lt;!channel&gt;');
    expect(JSON.stringify(p)).not.toContain('<!channel>');
  });
});

describe('the Microsoft Teams webhook payload', () => {
  it('is a MessageCard with colour, summary, title, text, facts and OpenUri actions to the incident and the status page', () => {
    const p = teamsPayload('declared', incident, URL_);
    expect(p).toMatchObject({
      '@type': 'MessageCard',
      '@context': 'https://schema.org/extensions',
      themeColor: 'C0392B',
      summary: 'Incident declared: Card payments failing',
      title: 'Incident declared: Card payments failing',
      text: 'Payments by card fail at checkout. We are on it.',
    });
    expect(p.sections[0]!.facts).toEqual([
      { name: 'Severity', value: 'Critical' },
      { name: 'Status', value: 'Investigating' },
      { name: 'Affects', value: 'Payments, Checkout' },
    ]);
    expect(p.potentialAction).toEqual([
      { '@type': 'OpenUri', name: 'Open incident', targets: [{ os: 'default', uri: `${URL_}/crisis/42` }] },
      { '@type': 'OpenUri', name: 'Status page', targets: [{ os: 'default', uri: `${URL_}/status` }] },
    ]);
  });

  it('turns green when resolved, colours by severity otherwise, and escapes markup in the text', () => {
    expect(teamsPayload('resolved', { ...incident, status: 'resolved' }, URL_).themeColor).toBe('27AE60');
    expect(teamsPayload('updated', { ...incident, severity: 'minor' }, URL_).themeColor).toBe('F1C40F');
    expect(teamsPayload('updated', { ...incident, message: '<img src=x onerror=alert(1)>' }, URL_).text).toBe('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('is chosen by the configured format', () => {
    expect(webhookPayload('teams', 'declared', incident, URL_)).toHaveProperty('@type', 'MessageCard');
    expect(webhookPayload('slack', 'declared', incident, URL_)).toHaveProperty('blocks');
  });
});
