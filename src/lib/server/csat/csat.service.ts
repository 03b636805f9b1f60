import { and, eq, isNull } from 'drizzle-orm';
import type { ChannelKind } from '$lib/shared/schemas/common';
import { CsatSubmitBody, type CsatResponse } from '$lib/shared/schemas/csat';
import type { Db } from '../db/client';
import { csatResponses, inboxes } from '../db/schema';
import { AppError, conflict } from '../errors';
import type { EventLog } from '../events/event-log';
import type { AuthContext } from '../auth/auth-context';
import type { ConversationService, ResolvedHook } from '../inbox/conversation.service';
import type { MessageService } from '../inbox/message.service';
import type { CsatSettingsStore } from './csat-settings';
import { CSAT_TOKEN_TTL_MS, signCsatToken, verifyCsatToken } from './csat-token';
import { customerLocale, surveyText } from './survey-text';

type Row = typeof csatResponses.$inferSelect;

/** What the public survey page shows for a token. */
export type SurveyView =
  | { state: 'invalid' }
  | { state: 'expired'; inboxName: string }
  | { state: 'open'; inboxName: string }
  | { state: 'rated'; inboxName: string; rating: number };

const invalidLink = () => new AppError(404, 'invalid_survey_link', 'this survey link is not valid; check that the whole link was copied');

/**
 * Satisfaction surveys: one per conversation, requested on its first resolve over the
 * conversation's own channel (a link; the chat widget asks inline), answered once through a
 * signed link that names the conversation.
 */
export class CsatService {
  constructor(
    private readonly db: Db,
    private readonly log: EventLog,
    private readonly messages: MessageService,
    private readonly conversations: ConversationService,
    private readonly settings: CsatSettingsStore,
    private readonly secret: Buffer,
    private readonly publicUrl: string,
  ) {}

  /** On the first resolve: the survey row (its primary key keeps it to one) and, outside chat, the link. */
  readonly onResolved: ResolvedHook = (events, conv, actor) => {
    // A conversation linked to an incident speaks of the outage, not of the agent, and its
    // customer already hears from crisis mode's broadcasts: no survey.
    if (conv.incidentId !== null || !this.settings.sendsFor(conv.inboxId)) return;
    const inbox = this.db.select({ name: inboxes.name, channel: inboxes.channel }).from(inboxes).where(eq(inboxes.id, conv.inboxId)).get();
    if (!inbox) return;
    const now = Date.now();
    const claimed = this.db
      .insert(csatResponses)
      .values({ conversationId: conv.id, inboxId: conv.inboxId, channel: inbox.channel, agentId: conv.assigneeId, requestedAt: now })
      .onConflictDoNothing()
      .returning()
      .get();
    if (!claimed) return;
    // The chat widget asks inline (it hears of the resolve itself); a link in the thread would repeat it.
    if (inbox.channel === 'chat') return;
    const text = surveyText(customerLocale(this.db, conv.id), inbox.name, this.linkFor(claimed));
    this.messages.sendAutomated(events, conv.id, text, actor);
  };

  linkFor(row: Pick<Row, 'conversationId' | 'requestedAt'>): string {
    return `${this.publicUrl}/csat/${this.tokenFor(row)}`;
  }

  tokenFor(row: Pick<Row, 'conversationId' | 'requestedAt'>): string {
    return signCsatToken(this.secret, row.conversationId, row.requestedAt + CSAT_TOKEN_TTL_MS);
  }

  /** The token of a conversation's survey while it waits for an answer (the widget's inline rating). */
  pendingToken(conversationId: number): string | null {
    const row = this.db
      .select()
      .from(csatResponses)
      .where(and(eq(csatResponses.conversationId, conversationId), isNull(csatResponses.rating)))
      .get();
    if (!row || row.requestedAt + CSAT_TOKEN_TTL_MS <= Date.now()) return null;
    return this.tokenFor(row);
  }

  /** Records the answer once; a second answer is a 409 and changes nothing. */
  rate(token: string, input: CsatSubmitBody, now = Date.now()): Row {
    const parsed = CsatSubmitBody.safeParse(input);
    if (!parsed.success) throw new AppError(400, 'invalid_request', parsed.error.issues.map((i) => i.message).join('; '), parsed.error.issues);
    const conversationId = this.#conversationOf(token, now);
    return this.log.transact((events) => {
      if (!this.#row(conversationId)) throw invalidLink();
      const rated = this.db
        .update(csatResponses)
        .set({ rating: parsed.data.rating, comment: parsed.data.comment, ratedAt: now })
        .where(and(eq(csatResponses.conversationId, conversationId), isNull(csatResponses.rating)))
        .returning()
        .get();
      if (!rated) throw conflict('this conversation has already been rated; thank you', 'already_rated');
      events.record(
        'csat.rated',
        {
          conversationId,
          inboxId: rated.inboxId,
          channel: rated.channel as ChannelKind,
          agentId: rated.agentId,
          rating: parsed.data.rating,
          comment: rated.comment,
          ratedAt: new Date(now).toISOString(),
        },
        { inboxId: rated.inboxId },
      );
      return rated;
    });
  }

  /** What the survey page shows for this token. */
  view(token: string, now = Date.now()): SurveyView {
    const check = verifyCsatToken(this.secret, token, now);
    // An expired token was still signed by us, so the conversation it names is the right one.
    const conversationId = check.ok ? check.conversationId : check.reason === 'expired' ? Number(token.split('.')[0]) : null;
    const row = conversationId === null ? undefined : this.#row(conversationId);
    if (!row) return { state: 'invalid' };
    const inboxName = this.db.select({ name: inboxes.name }).from(inboxes).where(eq(inboxes.id, row.inboxId)).get()?.name ?? '';
    if (row.rating !== null) return { state: 'rated', inboxName, rating: row.rating };
    return check.ok ? { state: 'open', inboxName } : { state: 'expired', inboxName };
  }

  /** The survey of a conversation the caller may see (null: none was sent). */
  forConversation(auth: AuthContext, conversationId: number): CsatResponse | null {
    this.conversations.visibleRow(auth, conversationId);
    const row = this.#row(conversationId);
    return row ? toCsatResponse(row) : null;
  }

  #conversationOf(token: string, now: number): number {
    const check = verifyCsatToken(this.secret, token, now);
    if (check.ok) return check.conversationId;
    if (check.reason === 'expired') throw new AppError(410, 'survey_expired', 'this survey has expired; thank you all the same');
    throw invalidLink();
  }

  #row(conversationId: number): Row | undefined {
    return this.db.select().from(csatResponses).where(eq(csatResponses.conversationId, conversationId)).get();
  }
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toCsatResponse(row: Row): CsatResponse {
  return {
    conversationId: row.conversationId,
    inboxId: row.inboxId,
    channel: row.channel as ChannelKind,
    agentId: row.agentId,
    requestedAt: new Date(row.requestedAt).toISOString(),
    rating: row.rating,
    comment: row.comment,
    ratedAt: iso(row.ratedAt),
  };
}
