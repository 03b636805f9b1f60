import { locales, type Locale } from '$lib/shared/schemas/common';
import type { PublicIncident, StatusDocument } from '$lib/shared/schemas/status';
import type { StatusWords } from './status-words';

const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', pl: 'Polski', fi: 'Suomi', da: 'Dansk' };

/**
 * The status page as the template shows it: every word and time already in the visitor's
 * language (the page runs no script), plain strings only.
 */
export function statusView(doc: StatusDocument, t: StatusWords) {
  const incident = (i: PublicIncident) => ({
    id: i.id,
    title: i.title,
    severity: i.severity,
    severityLabel: t.severity[i.severity],
    status: i.status,
    statusLabel: t.incident[i.status],
    started: t.started(t.time(i.startedAt)),
    startedIso: i.startedAt,
    resolved: i.resolvedAt ? t.resolvedAt(t.time(i.resolvedAt)) : null,
    resolvedIso: i.resolvedAt,
    components: i.components,
    timelineLabel: t.timeline(i.title),
    updates: i.updates.map((u) => ({ id: u.id, status: u.status, statusLabel: t.incident[u.status], message: u.message, time: t.time(u.createdAt), iso: u.createdAt })),
  });
  return {
    locale: t.locale,
    indicator: doc.status.indicator,
    overall: t.overall[doc.status.indicator],
    updated: t.updated(t.time(doc.page.updatedAt)),
    updatedIso: doc.page.updatedAt,
    components: doc.components.map((c) => ({ ...c, label: t.component[c.status] })),
    active: doc.incidents.filter((i) => i.resolvedAt === null).map(incident),
    history: doc.incidents.filter((i) => i.resolvedAt !== null).map(incident),
    languages: locales.map((code) => ({ code, name: LANGUAGE_NAMES[code], href: `/status?lang=${code}`, current: code === t.locale })),
    feedHref: `/status/feed.atom?lang=${t.locale}`,
    jsonHref: `/status.json?lang=${t.locale}`,
    words: {
      title: t.title,
      components: t.components,
      active: t.active,
      history: t.history,
      historyNote: t.historyNote,
      noHistory: t.noHistory,
      affects: t.affects,
      timesUtc: t.timesUtc,
      language: t.language,
      feed: t.feed,
      json: t.json,
      subscribe: t.subscribe,
      powered: t.powered,
    },
  };
}

export type StatusView = ReturnType<typeof statusView>;
