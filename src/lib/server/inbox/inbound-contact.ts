import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { contactIdentities, contacts } from '../db/schema';

/**
 * The contact behind a customer's id on one inbox's channel: found by the identity (name and
 * email kept current from what the channel sends), or created with that identity.
 */
export function contactFor(db: Db, inboxId: number, contact: { externalId: string; name: string; email?: string | null }, now: number): number {
  const identity = db
    .select({ contactId: contactIdentities.contactId, name: contacts.name, email: contacts.email })
    .from(contactIdentities)
    .innerJoin(contacts, eq(contacts.id, contactIdentities.contactId))
    .where(and(eq(contactIdentities.inboxId, inboxId), eq(contactIdentities.externalId, contact.externalId)))
    .get();
  if (identity) {
    const email = contact.email ?? identity.email;
    if (contact.name !== identity.name || email !== identity.email) {
      db.update(contacts).set({ name: contact.name, email }).where(eq(contacts.id, identity.contactId)).run();
    }
    return identity.contactId;
  }
  const created = db.insert(contacts).values({ name: contact.name, email: contact.email ?? null, createdAt: now }).returning({ id: contacts.id }).get();
  db.insert(contactIdentities).values({ contactId: created.id, inboxId, externalId: contact.externalId }).run();
  return created.id;
}
