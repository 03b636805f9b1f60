/**
 * The browser's own store (IndexedDB through `idb`): what an agent typed and sent must survive a
 * reload, a crash, a closed tab and a lost network. One database per user, so two agents who
 * share a browser never see each other's drafts or send each other's replies.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { CreateMessageBody, Message, UploadedAttachment } from '$lib/shared/schemas/message';
import type { DraftKind } from '$lib/shared/schemas/draft';
import type { ConversationDetail, ConversationSummary } from '$lib/shared/schemas/conversation';
import type { Inbox } from '$lib/shared/schemas/inbox';

export interface LocalDraft {
  conversationId: number;
  kind: DraftKind;
  text: string;
  /** Email replies: the subject typed for a thread without one, Cc addresses, uploaded files. */
  subject: string | null;
  cc: string[];
  /** Absent in drafts stored before files were part of the draft. */
  attachments?: UploadedAttachment[];
  /** The server revision this text was based on (0: none yet). */
  baseRevision: number;
  /** Typed here and not yet accepted by the server. */
  dirty: boolean;
  updatedAt: number;
}

export interface OutboxItem {
  clientId: string;
  conversationId: number;
  body: CreateMessageBody & { clientId: string };
  /** Queue order: replies go out in the order they were written. */
  order: number;
  createdAt: number;
  attempts: number;
  /** `failed`: the server refused it (not a network problem); the agent retries or discards. */
  state: 'pending' | 'failed';
  error: string | null;
}

export interface CachedList {
  key: string;
  items: ConversationSummary[];
  savedAt: number;
}

export interface CachedThread {
  conversationId: number;
  detail: ConversationDetail;
  messages: Message[];
  savedAt: number;
}

/** The inboxes I can see: offline, the composer still knows an email thread needs Cc and subject. */
export interface CachedInboxes {
  key: 'inboxes';
  items: Inbox[];
  savedAt: number;
}

interface OfflineSchema extends DBSchema {
  drafts: { key: [number, DraftKind]; value: LocalDraft };
  outbox: { key: string; value: OutboxItem; indexes: { order: number } };
  lists: { key: string; value: CachedList };
  threads: { key: number; value: CachedThread; indexes: { savedAt: number } };
  meta: { key: 'inboxes'; value: CachedInboxes };
}

export type OfflineDb = IDBPDatabase<OfflineSchema>;

export function openOfflineDb(userId: number): Promise<OfflineDb> {
  return openDB<OfflineSchema>(`switchboard-${userId}`, 2, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('drafts', { keyPath: ['conversationId', 'kind'] });
        db.createObjectStore('outbox', { keyPath: 'clientId' }).createIndex('order', 'order');
        db.createObjectStore('lists', { keyPath: 'key' });
        db.createObjectStore('threads', { keyPath: 'conversationId' }).createIndex('savedAt', 'savedAt');
      }
      if (oldVersion < 2) db.createObjectStore('meta', { keyPath: 'key' });
    },
  });
}
