import { z } from 'zod';

const Port = z.coerce.number().int().min(0).max(65535);

const EnvSchema = z.object({
  PORT: Port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^file:.+/, 'must look like file:./data/switchboard.db')
    .default('file:./data/switchboard.db'),
  PUBLIC_URL: z.string().url('must be an absolute URL such as https://support.example.com').optional(),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(10, 'must have at least 10 characters').optional(),
  SEED_DEMO: z.enum(['0', '1', 'true', 'false', '']).optional(),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Trust X-Forwarded-For for rate limits only when behind a proxy that sets it. */
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  JOB_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  /** Contact for push services (VAPID `sub`): a mailto: or https: URL. */
  VAPID_SUBJECT: z.string().regex(/^(mailto:|https:)/, 'must start with mailto: or https:').optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Chat replies to visitors who left: smtp(s)://user:pass@host:port and the From address. */
  CHAT_FALLBACK_SMTP_URL: z.string().regex(/^smtps?:\/\/.+/, 'must look like smtp://user:pass@host:587').optional(),
  CHAT_FALLBACK_FROM: z.string().min(3).max(320).optional(),
  /** Inbound email (SMTP) listener; 0 picks a free port. */
  SMTP_PORT: Port.default(2525),
  SMTP_HOST: z.string().min(1).default('0.0.0.0'),
  /** Largest message accepted (advertised with SIZE); larger ones are refused with 552. */
  SMTP_MAX_BYTES: z.coerce.number().int().min(1024).max(200 * 1024 * 1024).default(25 * 1024 * 1024),
  /** PEM files for STARTTLS; both or neither. */
  SMTP_TLS_CERT: z.string().min(1).optional(),
  SMTP_TLS_KEY: z.string().min(1).optional(),
  /** Debug (the benchmark suite): answer every HTTP request with `x-sql-statements`, the number of SQL statements it ran. */
  SQL_STATEMENT_HEADER: z.enum(['0', '1']).default('0'),
  /** How often SLA breaches are looked for (and clocks repaired), in ms. */
  SLA_SWEEP_MS: z.coerce.number().int().min(100).max(300_000).default(20_000),
});

export type Env = z.infer<typeof EnvSchema> & { databasePath: string; publicUrl: string };

export class EnvError extends Error {}

/** Reads and checks configuration; a bad value stops the start with a message naming it. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message} (got ${JSON.stringify(cleaned[String(i.path[0])])})`);
    throw new EnvError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  if (!env.SMTP_TLS_CERT !== !env.SMTP_TLS_KEY) throw new EnvError('Invalid configuration:\n  SMTP_TLS_CERT and SMTP_TLS_KEY go together (set both for STARTTLS, or neither)');
  const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
  return {
    ...env,
    databasePath: env.DATABASE_URL.slice('file:'.length),
    publicUrl: (env.PUBLIC_URL ?? `http://${host}:${env.PORT}`).replace(/\/$/, ''),
  };
}
