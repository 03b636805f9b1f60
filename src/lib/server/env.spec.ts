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

  it('listens for email on 2525 with a 25 MB limit unless told otherwise', () => {
    expect(loadEnv({})).toMatchObject({ SMTP_PORT: 2525, SMTP_HOST: '0.0.0.0', SMTP_MAX_BYTES: 25 * 1024 * 1024 });
    expect(loadEnv({ SMTP_PORT: '0', SMTP_MAX_BYTES: '4096' })).toMatchObject({ SMTP_PORT: 0, SMTP_MAX_BYTES: 4096 });
  });

  it('counts SQL statements per request only when asked to', () => {
    expect(loadEnv({}).SQL_STATEMENT_HEADER).toBe('0');
    expect(loadEnv({ SQL_STATEMENT_HEADER: '1' }).SQL_STATEMENT_HEADER).toBe('1');
    expect(() => loadEnv({ SQL_STATEMENT_HEADER: 'yes' })).toThrow(/SQL_STATEMENT_HEADER/);
  });

  it('refuses a STARTTLS certificate without its key', () => {
    expect(() => loadEnv({ SMTP_TLS_CERT: '/etc/cert.pem' })).toThrow(/SMTP_TLS_CERT and SMTP_TLS_KEY go together/);
  });

  it('looks for SLA breaches every 20 s unless told otherwise, and refuses a busy loop', () => {
    expect(loadEnv({}).SLA_SWEEP_MS).toBe(20_000);
    expect(loadEnv({ SLA_SWEEP_MS: '500' }).SLA_SWEEP_MS).toBe(500);
    expect(() => loadEnv({ SLA_SWEEP_MS: '5' })).toThrow(/SLA_SWEEP_MS/);
  });
});
