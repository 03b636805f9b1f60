import { and, desc, eq } from 'drizzle-orm';
import * as m from '$lib/paraglide/messages';
import type { Locale } from '$lib/shared/schemas/common';
import type { Db } from '../db/client';
import { messages } from '../db/schema';
import { guessLanguage } from '../knowledge/language-guess';

/**
 * The customer's language, guessed from their latest messages (contacts have no stored language);
 * English when the words do not tell.
 */
export function customerLocale(db: Db, conversationId: number): Locale {
  const texts = db
    .select({ text: messages.text })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.direction, 'incoming')))
    .orderBy(desc(messages.id))
    .limit(5)
    .all()
    .map((r) => r.text);
  return guessLanguage(texts) ?? 'en';
}

/** The survey message sent over email, social and API channels: one sentence and the link. */
export function surveyText(locale: Locale, inboxName: string, url: string): string {
  return m.csat_survey_message({ inbox: inboxName, url }, { locale });
}
