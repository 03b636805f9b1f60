import type { Severity } from '$lib/shared/schemas/incident';
import type { ComponentStatus, StatusComponent, StatusIndicator } from '$lib/shared/schemas/status';

/** What an active incident of each severity does to a component it names. */
const STATUS_OF: Record<Severity, ComponentStatus> = {
  critical: 'major_outage',
  major: 'partial_outage',
  minor: 'degraded_performance',
};
const RANK: Record<Severity, number> = { minor: 1, major: 2, critical: 3 };

export interface ActiveIncidentRef {
  severity: Severity;
  components: string[];
}

/** Names are typed by people in two places (settings, incidents): "API" and " api " are one component. */
const keyOf = (name: string) => name.trim().normalize('NFC').toLowerCase();

export const worseSeverity = (a: Severity | null, b: Severity): Severity => (a && RANK[a] >= RANK[b] ? a : b);

/**
 * The status page's components: the configured list in its order, then any other component an
 * active incident names (in the order they first appear). Each takes the worst severity among the
 * active incidents naming it; none means operational.
 */
export function componentStatusList(configured: readonly string[], active: readonly ActiveIncidentRef[]): StatusComponent[] {
  const worst = new Map<string, { name: string; severity: Severity | null }>();
  for (const name of configured) {
    const key = keyOf(name);
    if (key && !worst.has(key)) worst.set(key, { name: name.trim(), severity: null });
  }
  for (const incident of active) {
    for (const name of incident.components) {
      const key = keyOf(name);
      if (!key) continue;
      const entry = worst.get(key) ?? { name: name.trim(), severity: null };
      entry.severity = worseSeverity(entry.severity, incident.severity);
      worst.set(key, entry);
    }
  }
  return [...worst.values()].map(({ name, severity }) => ({ name, status: severity ? STATUS_OF[severity] : 'operational' }));
}

/** The page's one-word state: the worst active severity, or `none` when all is well. */
export function overallIndicator(active: readonly ActiveIncidentRef[]): StatusIndicator {
  return active.reduce<Severity | null>((acc, i) => worseSeverity(acc, i.severity), null) ?? 'none';
}

export const severityRank = (s: Severity) => RANK[s];
