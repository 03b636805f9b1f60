import { describe, expect, it } from 'vitest';
import { loadEnv } from './env';

describe('configuration', () => {
  it('has working defaults for a first start', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ PORT: 3000, databasePath: './data/switchboard.db', publicUrl: 'http://localhost:3000' });
  });

  it('names every bad value in one clear message', () => {
    expect(() => loadEnv({ PORT: 'eighty', DATABASE_URL: 'postgres://x', ADMIN_PASSWORD: 'short' })).toThrow(
      /PORT[\s\S]*DATABASE_URL: must look like file:[\s\S]*ADMIN_PASSWORD: must have at least 10 characters/,
    );
  });

  it('uses PUBLIC_URL without a trailing slash', () => {
    expect(loadEnv({ PUBLIC_URL: 'https://support.example.com/' }).publicUrl).toBe('https://support.example.com');
  });

  it('accepts an SMTP URL for chat replies by email and refuses anything else', () => {
    expect(loadEnv({ CHAT_FALLBACK_SMTP_URL: 'smtp://user:pass@mail.example.com:587', CHAT_FALLBACK_FROM: 'Support <help@example.com>' }).CHAT_FALLBACK_SMTP_URL).toBe('smtp://user:pass@mail.example.com:587');
    expect(() => loadEnv({ CHAT_FALLBACK_SMTP_URL: 'http://mail.example.com' })).toThrow(/CHAT_FALLBACK_SMTP_URL: must look like smtp:/);
  });
});
