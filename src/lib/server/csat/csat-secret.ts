import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { serverSettings } from '../db/schema';

const KEY = 'csat_secret';

/**
 * The key that signs survey links, generated on first use and kept in the database: links sent
 * last week must still verify after a restart.
 */
export function loadCsatSecret(db: Db): Buffer {
  const read = () => db.select().from(serverSettings).where(eq(serverSettings.key, KEY)).get();
  if (!read()) db.insert(serverSettings).values({ key: KEY, value: randomBytes(32).toString('base64url') }).onConflictDoNothing().run();
  // Another process may have won the race: use what is stored.
  return Buffer.from(read()!.value, 'base64url');
}
