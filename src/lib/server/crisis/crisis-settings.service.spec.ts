import { afterEach, describe, expect, it } from 'vitest';
import { testApp } from '../../../../tests/factories/app.factory';

let app = testApp();
afterEach(async () => {
  await app.close();
  app = testApp();
});

describe('CrisisSettingsService', () => {
  it('starts with no components, no webhook and the Slack format', () => {
    expect(app.crisisSettings.get()).toEqual({ components: [], webhookUrl: null, webhookFormat: 'slack' });
  });

  it('stores trimmed components once each, and audits the change with the webhook host only', () => {
    const saved = app.crisisSettings.put({ components: [' Website', 'website ', 'API'], webhookUrl: 'https://hooks.slack.com/services/T/B/secret', webhookFormat: 'teams' }, null);
    expect(saved.components).toEqual(['Website', 'API']);
    expect(app.crisisSettings.get()).toEqual(saved);
    const audit = app.db.$client.prepare(`SELECT action, data FROM audit_log WHERE target_type = 'crisis_settings'`).all() as { action: string; data: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.action).toBe('crisis.settings_changed');
    expect(JSON.parse(audit[0]!.data)).toMatchObject({ webhookHost: 'hooks.slack.com', webhookFormat: 'teams' });
    expect(audit[0]!.data).not.toContain('secret');
  });

  it('reads a stored value it cannot parse as the defaults instead of failing the status page', () => {
    app.db.$client.prepare(`INSERT INTO server_settings (key, value) VALUES ('crisis_settings', '{"components": 7}')`).run();
    expect(app.crisisSettings.get()).toEqual({ components: [], webhookUrl: null, webhookFormat: 'slack' });
  });
});
