import { isNull } from 'drizzle-orm';
import type { Severity } from '$lib/shared/schemas/incident';
import type { WidgetIncidentBanner } from '$lib/shared/widget-events';
import type { Db } from '../db/client';
import { incidents } from '../db/schema';
import type { EventBus } from '../events/event-bus';
import { severityRank } from './component-status';

/**
 * The incident a chat inbox's widget shows: the most severe (then newest) active incident whose
 * rules could concern this chat — no inbox or channel rules, or this inbox listed, or the chat
 * channel listed. Only the title and the customer-facing message leave the server.
 */
export function widgetBannerFor(db: Db, inboxId: number): WidgetIncidentBanner | null {
  const active = db
    .select({
      id: incidents.id,
      severity: incidents.severity,
      title: incidents.title,
      message: incidents.message,
      channels: incidents.matchChannels,
      inboxIds: incidents.matchInboxIds,
      createdAt: incidents.createdAt,
      updatedAt: incidents.updatedAt,
    })
    .from(incidents)
    .where(isNull(incidents.resolvedAt))
    .all();
  const applies = active.filter((i) => (!i.channels.length && !i.inboxIds.length) || i.inboxIds.includes(inboxId) || i.channels.includes('chat'));
  applies.sort((a, b) => severityRank(b.severity as Severity) - severityRank(a.severity as Severity) || b.createdAt - a.createdAt || b.id - a.id);
  const top = applies[0];
  return top ? { incidentId: top.id, severity: top.severity as Severity, title: top.title, message: top.message, updatedAt: new Date(top.updatedAt).toISOString() } : null;
}

/** What this needs of the widget namespace: its rooms, and emitting to one. */
export interface BannerAudience {
  adapter: { rooms: Map<string, Set<string>> };
  to(room: string): { emit(event: 'incident.banner', banner: WidgetIncidentBanner | null): boolean };
}

const INBOX_ROOM = /^inbox:(\d+)$/;

/**
 * Keeps open widgets' banners current: after every incident event, each chat inbox with a
 * visitor online gets its banner again when it changed (declared, updated, resolved, edited).
 * `current` gives a socket that just connected its banner, and remembers it was shown.
 */
export function startWidgetIncidentBanner(db: Db, bus: EventBus, ns: BannerAudience) {
  const shown = new Map<number, string>();
  const current = (inboxId: number) => {
    const banner = widgetBannerFor(db, inboxId);
    shown.set(inboxId, JSON.stringify(banner));
    return banner;
  };
  const stop = bus.subscribe((e) => {
    if (e.type !== 'incident.declared' && e.type !== 'incident.updated' && e.type !== 'incident.resolved') return;
    const online = new Set<number>();
    for (const room of ns.adapter.rooms.keys()) {
      const inboxId = Number(INBOX_ROOM.exec(room)?.[1]);
      if (!inboxId) continue;
      online.add(inboxId);
      const before = shown.get(inboxId);
      const banner = current(inboxId);
      if (before !== JSON.stringify(banner)) ns.to(room).emit('incident.banner', banner);
    }
    // A room that emptied may come back; its sockets get their banner on connect.
    for (const inboxId of shown.keys()) if (!online.has(inboxId)) shown.delete(inboxId);
  });
  return { current, stop };
}

export type WidgetIncidentBanners = ReturnType<typeof startWidgetIncidentBanner>;
