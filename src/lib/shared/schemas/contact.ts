import { z } from 'zod';
import { Id } from './common';
import { Contact, ConversationSummary } from './conversation';

export const ContactSearchQuery = z
  .object({
    q: z.string().trim().min(1).max(200),
    /** Leave this contact out (the merge picker's own contact). */
    exclude: Id.optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .strict();
export type ContactSearchQuery = z.infer<typeof ContactSearchQuery>;

export const ContactListItem = Contact.extend({ conversationCount: z.number().int() });
export type ContactListItem = z.infer<typeof ContactListItem>;
export const ContactList = z.object({ items: z.array(ContactListItem) });

/** A contact with every conversation of theirs the caller can see, across channels. */
export const ContactDetail = Contact.extend({ conversations: z.array(ConversationSummary) });
export type ContactDetail = z.infer<typeof ContactDetail>;

export const MergeContactBody = z.object({ sourceContactId: z.number().int().positive() }).strict();
