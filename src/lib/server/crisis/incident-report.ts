import { eq, sql } from 'drizzle-orm';
import type { ChannelKind } from '$lib/shared/schemas/common';
import type { IncidentReport, IncidentUpdate } from '$lib/shared/schemas/incident';
import type { Db } from '../db/client';
import { conversations, inboxes, incidentDeliveries } from '../db/schema';
import type { IncidentRow } from './incident.mapper';
import type { IncidentQueries } from './incident.queries';

/** Everything a report is computed from. */
export interface ReportInput {
  incident: Pick<IncidentRow, 'id' | 'title' | 'severity' | 'createdAt' | 'resolvedAt'>;
  /** The timeline, oldest first; the first entry is the declaration. */
  updates: IncidentUpdate[];
  linkedByChannel: { channel: ChannelKind; count: number }[];
  /** Every message sent to a linked customer (acknowledgements and updates). */
  deliveries: { status: 'pending' | 'queued' | 'sent' | 'failed'; contactId: number }[];
  now: number;
}

const seconds = (ms: number) => Math.max(0, Math.floor(ms / 1000));

/** The after-action figures: how long it lasted, how fast the first update came, who was told. */
export function buildReport(input: ReportInput): IncidentReport {
  const { incident, updates, deliveries } = input;
  const end = incident.resolvedAt ?? input.now;
  // The declaration is the first entry; the first *update* is what followed it.
  const firstUpdate = updates[1];
  const sent = deliveries.filter((d) => d.status === 'sent');
  const linkedByChannel = [...input.linkedByChannel].filter((c) => c.count > 0).sort((a, b) => b.count - a.count || a.channel.localeCompare(b.channel));
  return {
    incidentId: incident.id,
    title: incident.title,
    severity: incident.severity,
    startedAt: new Date(incident.createdAt).toISOString(),
    resolvedAt: incident.resolvedAt === null ? null : new Date(incident.resolvedAt).toISOString(),
    durationSeconds: seconds(end - incident.createdAt),
    timeToFirstUpdateSeconds: firstUpdate ? seconds(Date.parse(firstUpdate.createdAt) - incident.createdAt) : null,
    linkedByChannel,
    linkedTotal: linkedByChannel.reduce((n, c) => n + c.count, 0),
    customersNotified: new Set(sent.map((d) => d.contactId)).size,
    messagesSent: sent.length,
    messagesFailed: deliveries.filter((d) => d.status === 'failed').length,
    timeline: updates,
  };
}

/** Reads what the report of one incident is built from. */
export function loadReportInput(db: Db, queries: IncidentQueries, incidentId: number, now = Date.now()): ReportInput {
  const incident = queries.rowOrThrow(incidentId);
  const linkedByChannel = db
    .select({ channel: inboxes.channel, count: sql<number>`count(*)` })
    .from(conversations)
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .where(eq(conversations.incidentId, incidentId))
    .groupBy(inboxes.channel)
    .all()
    .map((r) => ({ channel: r.channel as ChannelKind, count: r.count }));
  const deliveries = db
    .select({ status: incidentDeliveries.status, contactId: conversations.contactId })
    .from(incidentDeliveries)
    .innerJoin(conversations, eq(conversations.id, incidentDeliveries.conversationId))
    .where(eq(incidentDeliveries.incidentId, incidentId))
    .all();
  return { incident, updates: queries.updates(incidentId), linkedByChannel, deliveries, now };
}
