import { randomBytes } from 'node:crypto';
import type { Env } from './env';
import { openDb, type Db } from './db/client';
import { StatementCache } from './db/statement-cache';
import { EventBus } from './events/event-bus';
import { EventLog } from './events/event-log';
import { GroupCommit } from './events/group-commit';
import { UserService } from './users/user.service';
import { AuthService } from './auth/auth.service';
import { InboxService } from './inbox/inbox.service';
import { ConversationService } from './inbox/conversation.service';
import { MessageService, DELIVER_JOB } from './inbox/message.service';
import { AttachmentService } from './inbox/attachment.service';
import { SyncService } from './inbox/sync.service';
import { DraftService } from './inbox/draft.service';
import { deliveryJob } from './inbox/delivery.job';
import { JobQueue } from './jobs/job-queue';
import { JobWorker } from './jobs/job-worker';
import { PresenceService } from './realtime/presence.service';
import { ViewerService } from './collab/viewer.service';
import { MentionService } from './collab/mention.service';
import { PushService, PUSH_JOB } from './push/push.service';
import { pushJob } from './push/push.job';
import { startPushTriggers } from './push/push-triggers';
import { startMentionPush } from './push/mention-push';
import { loadVapidKeys } from './push/vapid-keys';
import { mineUnread } from './push/push-badge';
import { ContactService } from './contacts/contact.service';
import { EmailInbound } from './channels/email/email-inbound.service';
import { createSmtpListener, type SmtpListener } from './channels/email/smtp-listener';
import { StatementCounter } from './db/statement-counter';
import { KnowledgeService } from './knowledge/knowledge.service';
import { SlaPolicyService } from './metrics/sla-policy.service';
import { SlaService } from './metrics/sla.service';
import { LiveMetricsService } from './metrics/live-metrics.service';
import { ReportService } from './metrics/report.service';
import { createCrisis, type Crisis } from './crisis/crisis';
import { CrisisSettingsService } from './crisis/crisis-settings.service';
import { StatusPageQueries } from './crisis/status-page.queries';
import { createFloor, type Floor } from './floor/floor';
import { createCsat, type Csat } from './csat/csat';
import { CRISIS_WEBHOOK_JOB, catchUpCrisisWebhook, crisisWebhookJob, startCrisisWebhook } from './crisis/crisis-webhook.job';

/** The composition root: one instance per process, shared by HTTP routes and sockets. */
export interface SwitchboardApp {
  env: Env;
  db: Db;
  bus: EventBus;
  log: EventLog;
  /** Inbound customer messages of one event-loop turn share one write transaction (a burst's commit paid once). */
  groupCommit: GroupCommit;
  users: UserService;
  auth: AuthService;
  inboxes: InboxService;
  conversations: ConversationService;
  contacts: ContactService;
  messages: MessageService;
  drafts: DraftService;
  attachments: AttachmentService;
  sync: SyncService;
  presence: PresenceService;
  /** Who has which conversation open (collision detection). */
  viewers: ViewerService;
  /** @mentions in private notes: recorded with the note, listed in each user's Mentions view. */
  mentions: MentionService;
  push: PushService;
  jobs: { queue: JobQueue; worker: JobWorker };
  email: { inbound: EmailInbound; smtp: SmtpListener };
  /** Per-request SQL statement counts (only with SQL_STATEMENT_HEADER=1). */
  statements: StatementCounter | null;
  knowledge: KnowledgeService;
  sla: { policies: SlaPolicyService; clocks: SlaService };
  /** Wallboard and report figures (src/lib/server/metrics). */
  metrics: { live: LiveMetricsService; reports: ReportService };
  crisis: Crisis;
  /** Crisis settings (status page components, team chat webhook) and the public status page's reads. */
  crisisSettings: CrisisSettingsService;
  statusPage: StatusPageQueries;
  /** Capacity, auto-assignment, escalations and teams (issue 6). */
  floor: Floor;
  /** Customer satisfaction surveys (issue 6). */
  csat: Csat;
  start(): void;
  close(): Promise<void>;
}

export function createApp(env: Env): SwitchboardApp {
  const statements = env.SQL_STATEMENT_HEADER === '1' ? new StatementCounter() : null;
  const db = openDb(env.databasePath, undefined, { onStatement: statements?.onStatement });
  const cache = new StatementCache(db.$client);
  const bus = new EventBus();
  const log = new EventLog(db, bus);
  const users = new UserService(db, bus);
  const auth = new AuthService(db, bus, users, env.SESSION_DAYS);
  const inboxes = new InboxService(db, log, bus, env.publicUrl);
  const conversations = new ConversationService(db, log, cache);
  const queue = new JobQueue(db);
  const attachments = new AttachmentService(db, conversations);
  const drafts = new DraftService(db, log, conversations, attachments);
  const messages = new MessageService(db, log, queue, conversations, cache, drafts, attachments);
  const mentions = new MentionService(db, log, users);
  messages.onNoteStored((events, note) => mentions.record(events, note));
  const worker = new JobWorker(queue, { concurrency: 4, pollMs: env.JOB_POLL_MS });
  worker.register(DELIVER_JOB, deliveryJob(messages, inboxes));
  const push = new PushService(db, queue, loadVapidKeys(db), mineUnread(users, conversations));
  worker.register(PUSH_JOB, pushJob(push, env.VAPID_SUBJECT ?? `mailto:${env.ADMIN_EMAIL ?? 'admin@localhost'}`));
  const crisis = createCrisis({ db, log, queue, worker, messages, conversations, push });
  const crisisSettings = new CrisisSettingsService(db);
  worker.register(CRISIS_WEBHOOK_JOB, crisisWebhookJob(crisisSettings, env.publicUrl));
  const inbound = new EmailInbound(db, inboxes, messages);
  const smtp = createSmtpListener(env, inbound);
  const csat = createCsat({ db, log, messages, conversations, publicUrl: env.publicUrl });
  const slaPolicies = new SlaPolicyService(db);
  const sla = { policies: slaPolicies, clocks: new SlaService(db, log, cache, slaPolicies, conversations) };
  const presence = new PresenceService(log);
  const floor = createFloor({ db, log, bus, messages, conversations, presence, push, users });
  const timers: NodeJS.Timeout[] = [];
  const stops: (() => void)[] = [];

  return {
    env,
    db,
    bus,
    log,
    groupCommit: new GroupCommit(db.$client, log),
    users,
    auth,
    inboxes,
    conversations,
    contacts: new ContactService(db, log, cache, conversations),
    messages,
    drafts,
    attachments,
    sync: new SyncService(cache, log),
    presence,
    viewers: new ViewerService(),
    mentions,
    push,
    jobs: { queue, worker },
    email: { inbound, smtp },
    statements,
    knowledge: new KnowledgeService(db, cache, conversations),
    sla,
    metrics: { live: new LiveMetricsService(cache, presence, slaPolicies), reports: new ReportService(cache, slaPolicies) },
    crisis,
    crisisSettings,
    statusPage: new StatusPageQueries(db),
    floor,
    csat,
    start() {
      worker.start();
      stops.push(startPushTriggers(bus, push, users), startMentionPush(bus, push, users));
      stops.push(startCrisisWebhook(bus, queue, crisisSettings));
      stops.push(floor.start());
      catchUpCrisisWebhook(db, queue, crisisSettings);
      void inbound.sweep();
      const every = (ms: number, fn: () => void) => {
        const t = setInterval(() => {
          try {
            fn();
          } catch (err) {
            console.error('[timer]', err);
          }
        }, ms);
        t.unref();
        timers.push(t);
      };
      every(15_000, () => conversations.wakeSnoozed());
      stops.push(sla.clocks.follow(bus));
      every(env.SLA_SWEEP_MS, () => sla.clocks.sweep());
      every(3_600_000, () => auth.purgeExpiredSessions());
    },
    async close() {
      for (const t of timers) clearInterval(t);
      for (const stop of stops) stop();
      await smtp.close();
      await worker.stop();
      crisis.stop();
      db.$client.close();
    },
  };
}

/** Creates the first admin on an empty database; prints a generated password once. */
export async function ensureFirstAdmin(app: SwitchboardApp): Promise<void> {
  if (app.users.count() > 0) return;
  const email = app.env.ADMIN_EMAIL ?? 'admin@localhost';
  const password = app.env.ADMIN_PASSWORD ?? randomBytes(12).toString('base64url');
  await app.users.create({ email, name: 'Admin', password, role: 'admin' });
  if (!app.env.ADMIN_PASSWORD) {
    console.log(`\n  First admin created. Log in as ${email} with password: ${password}\n  (shown once; change it under Settings)\n`);
  } else {
    console.log(`First admin created: ${email}`);
  }
}
