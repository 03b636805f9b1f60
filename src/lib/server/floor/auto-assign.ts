import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { conversations, inboxes, inboxMembers, serverSettings, users } from '../db/schema';
import type { ConversationStartedHook } from '../inbox/message.service';
import type { ConversationService } from '../inbox/conversation.service';
import type { PresenceService } from '../realtime/presence.service';
import { nextAssignee, recordTurn, type Candidate } from './round-robin';

const turnsKey = (inboxId: number) => `floor.round_robin.${inboxId}`;

/**
 * Gives each new conversation of an auto-assign inbox to the next available member (round
 * robin). The turns are kept in server_settings so a restart does not start the round over.
 */
export class AutoAssigner {
  readonly #openCount;
  // Asked for every new conversation, inside the ingest transaction: built once.
  readonly #autoAssign;

  constructor(
    private readonly db: Db,
    private readonly presence: PresenceService,
    private readonly conversations: ConversationService,
  ) {
    this.#autoAssign = db.select({ autoAssign: inboxes.autoAssign }).from(inboxes).where(eq(inboxes.id, sql.placeholder('id'))).prepare();
    this.#openCount = db.$client.prepare<[number], { n: number }>("SELECT count(*) AS n FROM conversations WHERE assignee_id = ? AND status = 'open'");
  }

  /** Open conversations assigned to the user now, in every inbox. */
  openCount(userId: number): number {
    return this.#openCount.get(userId)?.n ?? 0;
  }

  readonly onStarted: ConversationStartedHook = (events, started) => {
    const inbox = this.#autoAssign.get({ id: started.inbox.id });
    if (!inbox?.autoAssign) return;
    const turns = this.#turns(started.inbox.id);
    const members = this.db
      .select({ id: users.id, name: users.name, capacity: users.capacity })
      .from(inboxMembers)
      .innerJoin(users, eq(users.id, inboxMembers.userId))
      .where(and(eq(inboxMembers.inboxId, started.inbox.id), isNull(users.disabledAt)))
      .all();
    const candidates: Candidate[] = members.map((m) => ({
      userId: m.id,
      presence: this.presence.status(m.id),
      open: this.openCount(m.id),
      capacity: m.capacity,
      lastTurn: turns[m.id] ?? 0,
    }));
    const chosen = nextAssignee(candidates);
    if (chosen === null) return;
    const name = members.find((m) => m.id === chosen)?.name ?? '';
    this.db.update(conversations).set({ assigneeId: chosen }).where(eq(conversations.id, started.conversationId)).run();
    this.#saveTurns(started.inbox.id, recordTurn(turns, chosen));
    return () =>
      this.conversations.systemMessage(events, started.conversationId, 'assigned', { assigneeId: chosen, assigneeName: name, auto: 1 }, `Assigned automatically to ${name}`);
  };

  /** A conversation given to the user outside the round (backfill) still counts as their turn. */
  recordTurn(inboxId: number, userId: number): void {
    this.#saveTurns(inboxId, recordTurn(this.#turns(inboxId), userId));
  }

  #saveTurns(inboxId: number, turns: Record<string, number>) {
    const value = JSON.stringify(turns);
    this.db.insert(serverSettings).values({ key: turnsKey(inboxId), value }).onConflictDoUpdate({ target: serverSettings.key, set: { value } }).run();
  }

  #turns(inboxId: number): Record<string, number> {
    const row = this.db.select().from(serverSettings).where(eq(serverSettings.key, turnsKey(inboxId))).get();
    if (!row) return {};
    try {
      const parsed: unknown = JSON.parse(row.value);
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, number>) : {};
    } catch {
      return {};
    }
  }
}
