import * as m from '$lib/paraglide/messages';
import type { Locale } from '$lib/shared/schemas/common';
import type { IncidentStatus, Severity } from '$lib/shared/schemas/incident';
import type { ComponentStatus, StatusIndicator } from '$lib/shared/schemas/status';
import { RECENT_DAYS } from './status-page.queries';

/**
 * The public status page's words in one language, rendered on the server: the page ships no
 * script and no message catalogue. Record lookups, so a new enum value fails type-checking here.
 */
export function statusWords(locale: Locale) {
  const o = { locale };
  const overall: Record<StatusIndicator, string> = {
    none: m.status_page_overall_none({}, o),
    minor: m.status_page_overall_minor({}, o),
    major: m.status_page_overall_major({}, o),
    critical: m.status_page_overall_critical({}, o),
  };
  const component: Record<ComponentStatus, string> = {
    operational: m.status_component_operational({}, o),
    degraded_performance: m.status_component_degraded_performance({}, o),
    partial_outage: m.status_component_partial_outage({}, o),
    major_outage: m.status_component_major_outage({}, o),
  };
  const incident: Record<IncidentStatus, string> = {
    investigating: m.status_incident_investigating({}, o),
    identified: m.status_incident_identified({}, o),
    monitoring: m.status_incident_monitoring({}, o),
    resolved: m.status_incident_resolved({}, o),
  };
  const severity: Record<Severity, string> = {
    minor: m.status_severity_minor({}, o),
    major: m.status_severity_major({}, o),
    critical: m.status_severity_critical({}, o),
  };
  return {
    locale,
    overall,
    component,
    incident,
    severity,
    title: m.status_page_title({}, o),
    components: m.status_page_components({}, o),
    active: m.status_page_active({}, o),
    history: m.status_page_history({}, o),
    historyNote: m.status_page_history_note({ days: String(RECENT_DAYS) }, o),
    noHistory: m.status_page_no_history({ days: String(RECENT_DAYS) }, o),
    started: (time: string) => m.status_page_started({ time }, o),
    resolvedAt: (time: string) => m.status_page_resolved_at({ time }, o),
    affects: m.status_page_affects({}, o),
    updated: (time: string) => m.status_page_updated({ time }, o),
    timesUtc: m.status_page_times_utc({}, o),
    language: m.status_page_language({}, o),
    feed: m.status_page_feed({}, o),
    json: m.status_page_json({}, o),
    subscribe: m.status_page_subscribe({}, o),
    timeline: (title: string) => m.status_page_timeline({ title }, o),
    powered: m.status_page_powered({}, o),
    entryTitle: (status: IncidentStatus, title: string) => m.status_feed_entry_title({ status: incident[status], title }, o),
    /** "30 Nov 2026, 14:05 UTC": the page runs no script, so it cannot know the reader's zone. */
    time: (iso: string) => `${new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso))} UTC`,
  };
}

export type StatusWords = ReturnType<typeof statusWords>;
