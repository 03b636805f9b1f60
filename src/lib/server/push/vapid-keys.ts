import webpush from 'web-push';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { serverSettings } from '../db/schema';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

const KEY = 'vapid_keys';

/**
 * The server's VAPID key pair, generated on first start and kept in the database: browsers bind
 * their subscriptions to the public key, so it must survive restarts.
 */
export function loadVapidKeys(db: Db): VapidKeys {
  const stored = db.select().from(serverSettings).where(eq(serverSettings.key, KEY)).get();
  if (stored) return JSON.parse(stored.value) as VapidKeys;
  const keys = webpush.generateVAPIDKeys();
  db.insert(serverSettings).values({ key: KEY, value: JSON.stringify(keys) }).onConflictDoNothing().run();
  // Another process may have won the race: read back what is stored.
  return JSON.parse(db.select().from(serverSettings).where(eq(serverSettings.key, KEY)).get()!.value) as VapidKeys;
}
