import type { Severity } from '$lib/shared/schemas/incident';
import { foldText } from '../inbox/search-text';

/** An active incident's rules, as the matcher needs them. */
export interface MatchableIncident {
  id: number;
  severity: Severity;
  createdAt: number;
  keywords: string[];
  channels: string[];
  inboxIds: number[];
}

/** What a new conversation is matched on: where it came in and its first words. */
export interface NewConversation {
  inboxId: number;
  channel: string;
  subject: string | null;
  text: string;
}

const SEVERITY_RANK: Record<Severity, number> = { minor: 0, major: 1, critical: 2 };

/** Lower-case, accent-free, single-spaced: "Płatności  NIE działają" -> "platnosci nie dzialaja". */
export function foldForMatch(text: string): string {
  return foldText(text).toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Every given kind of rule must hold (keywords AND channels AND inboxes), any one entry within a
 * kind. Keywords are substrings of the folded subject and text, so a stem ("płatn") catches its
 * forms ("płatność", "płatności"). An incident with no rules at all takes nothing by itself.
 */
export function incidentMatches(incident: MatchableIncident, conversation: NewConversation, foldedText = foldForMatch(`${conversation.subject ?? ''} ${conversation.text}`)): boolean {
  const { keywords, channels, inboxIds } = incident;
  if (!keywords.length && !channels.length && !inboxIds.length) return false;
  if (channels.length && !channels.includes(conversation.channel)) return false;
  if (inboxIds.length && !inboxIds.includes(conversation.inboxId)) return false;
  if (keywords.length && !keywords.some((k) => {
    const folded = foldForMatch(k);
    return folded.length > 0 && foldedText.includes(folded);
  })) return false;
  return true;
}

/** The incident a new conversation belongs to: of those that match, the most severe, then the newest. */
export function pickIncident<T extends MatchableIncident>(active: readonly T[], conversation: NewConversation): T | null {
  const folded = foldForMatch(`${conversation.subject ?? ''} ${conversation.text}`);
  let best: T | null = null;
  for (const incident of active) {
    if (!incidentMatches(incident, conversation, folded)) continue;
    if (!best || outranks(incident, best)) best = incident;
  }
  return best;
}

function outranks(a: MatchableIncident, b: MatchableIncident): boolean {
  const bySeverity = SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
  if (bySeverity !== 0) return bySeverity > 0;
  return a.createdAt !== b.createdAt ? a.createdAt > b.createdAt : a.id > b.id;
}
