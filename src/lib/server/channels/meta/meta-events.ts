import { z } from 'zod';
import type { DeliveryReport, InboundInput } from '../../inbox/message.service';

/**
 * The outer shape of every Meta webhook: `object` names the product (`page`, `instagram`,
 * `whatsapp_business_account`), `entry` is a batch. Entries are checked one by one later, so
 * one we cannot read does not cost the others.
 */
export const MetaEnvelope = z.object({ object: z.string().max(100), entry: z.array(z.unknown()).max(1000) });
export type MetaEnvelope = z.infer<typeof MetaEnvelope>;

export interface StatusReport {
  /** Our outgoing message, by the id the provider gave it when we sent it. */
  externalId: string;
  report: DeliveryReport;
}

/** What one webhook delivery asks of us. */
export interface MetaEvents {
  messages: InboundInput[];
  reports: StatusReport[];
  /**
   * Items we could not read, and why: logged, and Meta still gets its 200, as sending the same
   * bytes again would not help. Events we do not use (reactions, reads, echoes) are not listed.
   */
  unreadable: string[];
}

export const noEvents = (): MetaEvents => ({ messages: [], reports: [], unreadable: [] });

/** Describes why an item did not match its schema, briefly, for the log. */
export const issueSummary = (error: z.ZodError) =>
  error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || 'item'}: ${i.message}`)
    .join('; ');
