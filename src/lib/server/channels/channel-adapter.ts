import type { z } from 'zod';
import type { ChannelKind } from '$lib/shared/schemas/common';
import type { EmailEnvelope } from '../inbox/message-extras';

export type InboxConfig = Record<string, unknown>;

export interface InboxRecord {
  id: number;
  name: string;
  channel: ChannelKind;
  config: InboxConfig;
}

/** Everything an adapter needs to send one outgoing message to the customer. */
export interface OutboundMessage {
  inbox: InboxRecord;
  conversation: { id: number; subject: string | null; threadId: string | null };
  contact: { id: number; name: string; email: string | null; externalId: string | null };
  message: { id: number; text: string; html: string | null; createdAt: number; clientId: string | null; authorName: string | null };
  /** Id of the delivery attempt series; stable across retries so receivers can deduplicate. */
  deliveryId: string;
  /** Files to send with the message (channels with `capabilities.attachments`). */
  attachments?: { filename: string; contentType: string; content: Buffer; contentId: string | null; inline: boolean }[];
  /** Email headers fixed when the reply was queued (email channel). */
  email?: EmailEnvelope | null;
}

/** An agent's reply just stored and about to be queued, for channels that fix headers up front. */
export interface ReplyDraft {
  inbox: InboxRecord;
  conversation: { id: number; subject: string | null };
  contact: { name: string; email: string | null };
  messageId: number;
  authorName: string;
  subject?: string;
  cc?: string[];
  /** Email headers of the conversation's messages so far, oldest first. */
  thread: (EmailEnvelope & { direction: string })[];
}

/** `externalId` is stored on the message at once (so a retry and a bounce find the same id). */
export interface PreparedReply {
  externalId: string | null;
  envelope: EmailEnvelope | null;
}

export type DeliveryOutcome =
  | { ok: true; externalId?: string | null }
  | { ok: false; retry: boolean; error: string; retryAfterMs?: number };

/** What a channel may check before an agent's reply is accepted and queued. */
export interface ReplyContext {
  inbox: InboxRecord;
  conversation: { id: number; lastIncomingAt: number | null };
  text: string;
  now: number;
}

/** A refusal becomes an HTTP error (and a socket ack error) with this status and code. */
export type ReplyCheck = { ok: true } | { ok: false; status: 400 | 409; code: string; message: string };

/**
 * Some channels allow free-text replies only for a while after the customer's last message
 * (WhatsApp: 24 hours). `closesAt` is null when no customer message opened the window.
 */
export interface ReplyWindow {
  open: boolean;
  closesAt: number | null;
}

export interface SetupResult {
  config: InboxConfig;
  /** Unique key inbound traffic finds the inbox by (an email address); a clash answers 409. */
  routingKey?: string;
  /** Secrets shown once to the admin who created or rotated them. */
  revealed?: Record<string, string>;
}

/**
 * One channel kind. Routes and services look adapters up in the registry; nothing else
 * branches on the channel kind.
 */
export interface ChannelAdapter<S extends z.ZodType = z.ZodType> {
  kind: ChannelKind;
  /**
   * Whether messages carry HTML and a subject (email) or plain text only; whether an agent's
   * reply may set its own subject, carry CC addresses and files.
   */
  capabilities: { html: boolean; subject: boolean; replySubject?: boolean; cc?: boolean; attachments?: boolean };
  /** Settings accepted on create (besides name and channel). */
  createSchema: S;
  /** Settings accepted on update. */
  updateSchema: z.ZodType;
  setup(settings: z.output<S>, inboxIdHint?: number): SetupResult;
  update(current: InboxConfig, patch: Record<string, unknown>): SetupResult;
  /** What members may see of the settings (never a secret). */
  publicSettings(config: InboxConfig, inbox: { id: number; publicUrl: string }): Record<string, unknown>;
  deliver(message: OutboundMessage): Promise<DeliveryOutcome>;
  /**
   * Refuses, before it is stored and queued, a reply the channel would not deliver (a closed
   * reply window, a text over the channel's limit), so the agent learns it at once.
   */
  canSend?(context: ReplyContext): ReplyCheck;
  /**
   * Fixes what must stay the same across delivery attempts (an email's Message-ID and thread
   * headers), in the transaction that stores the reply.
   */
  prepareReply?(draft: ReplyDraft): PreparedReply;
  /** The channel's reply window, for the console to show; absent when the channel has none. */
  replyWindow?(conversation: { lastIncomingAt: number | null }, now: number): ReplyWindow;
}
