import { eq } from 'drizzle-orm';
import { CrisisSettings } from '$lib/shared/schemas/incident';
import type { Db } from '../db/client';
import { auditLog, serverSettings } from '../db/schema';

const KEY = 'crisis_settings';

export const DEFAULT_CRISIS_SETTINGS: CrisisSettings = { components: [], webhookUrl: null, webhookFormat: 'slack' };

/**
 * Server-wide crisis settings (status page components, the team chat webhook), one JSON value in
 * server_settings. What is stored was validated on the way in; a value that no longer parses
 * (an older shape) reads as the defaults instead of breaking the status page.
 */
export class CrisisSettingsService {
  constructor(private readonly db: Db) {}

  get(): CrisisSettings {
    const row = this.db.select().from(serverSettings).where(eq(serverSettings.key, KEY)).get();
    if (!row) return { ...DEFAULT_CRISIS_SETTINGS, components: [] };
    try {
      const parsed = CrisisSettings.safeParse(JSON.parse(row.value));
      if (parsed.success) return parsed.data;
    } catch {
      // falls through to the defaults
    }
    console.warn('[crisis] stored crisis settings are unreadable; using the defaults');
    return { ...DEFAULT_CRISIS_SETTINGS, components: [] };
  }

  /** Replaces the settings; the change is in the audit log with who made it. */
  put(next: CrisisSettings, actorId: number | null): CrisisSettings {
    const value = CrisisSettings.parse({ ...next, components: dedupe(next.components) });
    this.db.transaction((tx) => {
      tx.insert(serverSettings)
        .values({ key: KEY, value: JSON.stringify(value) })
        .onConflictDoUpdate({ target: serverSettings.key, set: { value: JSON.stringify(value) } })
        .run();
      tx.insert(auditLog)
        .values({
          actorId,
          action: 'crisis.settings_changed',
          targetType: 'crisis_settings',
          targetId: null,
          // The URL may carry a secret token (Slack and Teams put one in the path): only the host.
          data: { components: value.components, webhookHost: value.webhookUrl ? new URL(value.webhookUrl).host : null, webhookFormat: value.webhookFormat },
          createdAt: Date.now(),
        })
        .run();
    });
    return value;
  }
}

/** The same component twice (ignoring case) would show twice on the status page. */
function dedupe(names: string[]): string[] {
  const seen = new Set<string>();
  return names.map((n) => n.trim()).filter((n) => {
    const key = n.normalize('NFC').toLowerCase();
    if (!n || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
