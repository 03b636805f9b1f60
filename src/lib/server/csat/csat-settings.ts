import { eq } from 'drizzle-orm';
import { CsatSettings } from '$lib/shared/schemas/csat';
import type { Db } from '../db/client';
import { serverSettings } from '../db/schema';

const KEY = 'csat_settings';
const DEFAULTS: CsatSettings = { enabled: true, disabledInboxIds: [] };

/** Whether resolving sends a survey: on by default, off server-wide or for chosen inboxes. */
export class CsatSettingsStore {
  constructor(private readonly db: Db) {}

  get(): CsatSettings {
    const stored = this.db.select().from(serverSettings).where(eq(serverSettings.key, KEY)).get();
    if (!stored) return DEFAULTS;
    const parsed = CsatSettings.safeParse(JSON.parse(stored.value));
    return parsed.success ? parsed.data : DEFAULTS;
  }

  set(settings: CsatSettings): CsatSettings {
    const value = { enabled: settings.enabled, disabledInboxIds: [...new Set(settings.disabledInboxIds)].sort((a, b) => a - b) };
    this.db
      .insert(serverSettings)
      .values({ key: KEY, value: JSON.stringify(value) })
      .onConflictDoUpdate({ target: serverSettings.key, set: { value: JSON.stringify(value) } })
      .run();
    return value;
  }

  sendsFor(inboxId: number): boolean {
    const s = this.get();
    return s.enabled && !s.disabledInboxIds.includes(inboxId);
  }
}
