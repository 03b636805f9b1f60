import type { Db } from '../db/client';
import type { EventLog } from '../events/event-log';
import type { ConversationService } from '../inbox/conversation.service';
import type { MessageService } from '../inbox/message.service';
import type { JobQueue } from '../jobs/job-queue';
import type { JobWorker } from '../jobs/job-worker';
import type { PushService } from '../push/push.service';
import { AuditService } from './audit.service';
import { BroadcastProgress } from './broadcast-progress';
import { broadcastJob, BROADCAST_JOB } from './broadcast.job';
import { IncidentLinker } from './incident-links';
import { pushDeclared } from './incident-push';
import { IncidentQueries } from './incident.queries';
import { IncidentService } from './incident.service';
import { buildReport, loadReportInput } from './incident-report';
import type { IncidentReport } from '$lib/shared/schemas/incident';

export interface Crisis {
  incidents: IncidentService;
  /** Reads of incidents, timelines and broadcast progress (for the status page and widget banner too). */
  queries: IncidentQueries;
  audit: AuditService;
  report(incidentId: number): IncidentReport;
  stop(): void;
}

/**
 * Crisis mode's part of the composition root: it plugs into the inbox through hooks (new
 * conversations, delivery outcomes, manual links) so the inbox never imports it.
 */
export function createCrisis(deps: { db: Db; log: EventLog; queue: JobQueue; worker: JobWorker; messages: MessageService; conversations: ConversationService; push: PushService }): Crisis {
  const { db, log, queue, worker, messages, conversations, push } = deps;
  const queries = new IncidentQueries(db);
  const audit = new AuditService(db);
  const progress = new BroadcastProgress(db, log, queries);
  const linker = new IncidentLinker(db, queries, audit, messages, conversations, progress);
  messages.onConversationStarted(linker.onStarted);
  messages.onOutgoingStatus(progress.onMessageStatus);
  conversations.useIncidentLinks(linker);
  worker.register(BROADCAST_JOB, broadcastJob({ db, log, messages, conversations, queries, progress }));

  const incidents = new IncidentService(db, log, queue, queries, audit);
  incidents.onChange((_events, change) => {
    if (change.kind === 'declared') pushDeclared(db, push, change.incident);
  });
  // SLA clocks of linked conversations are to pause while their incident is active. SLAs do not
  // exist yet; when they do, their clock should skip the time a conversation's incident_id
  // pointed at an incident with resolved_at NULL (incidents.created_at .. resolved_at).
  return {
    incidents,
    queries,
    audit,
    report: (incidentId) => buildReport(loadReportInput(db, queries, incidentId)),
    stop: () => progress.stop(),
  };
}
