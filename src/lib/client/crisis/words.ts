/** Crisis mode's enums in the interface's language. */
import * as m from '$lib/paraglide/messages';
import type { IncidentStatus, Severity } from '$lib/shared/schemas/incident';

// Record lookups: a new enum value fails type-checking here until it has words.
const SEVERITY: Record<Severity, () => string> = { minor: m.crisis_severity_minor, major: m.crisis_severity_major, critical: m.crisis_severity_critical };
const STATUS: Record<IncidentStatus, () => string> = {
  investigating: m.crisis_status_investigating,
  identified: m.crisis_status_identified,
  monitoring: m.crisis_status_monitoring,
  resolved: m.crisis_status_resolved,
};

export const severityLabel = (s: Severity): string => SEVERITY[s]();
export const incidentStatusLabel = (s: IncidentStatus): string => STATUS[s]();
