import { z } from 'zod';

/** A browser's PushSubscription as `subscription.toJSON()` gives it. */
export const PushSubscriptionBody = z
  .object({
    endpoint: z.string().url().max(2000),
    expirationTime: z.number().nullable().optional(),
    keys: z.object({ p256dh: z.string().min(16).max(200), auth: z.string().min(8).max(100) }).strict(),
  })
  .strict();
export type PushSubscriptionBody = z.infer<typeof PushSubscriptionBody>;

export const PushUnsubscribeBody = z.object({ endpoint: z.string().url().max(2000) }).strict();

export const PushKey = z.object({ publicKey: z.string() });

/** One of the caller's opted-in browsers, without its keys (those belong to the browser). */
export const PushDevice = z.object({
  endpoint: z.string(),
  createdAt: z.string(),
  /** When the push service last accepted a notification for it. */
  lastSuccessAt: z.string().nullable(),
});
export type PushDevice = z.infer<typeof PushDevice>;
export const PushDeviceList = z.object({ items: z.array(PushDevice) });

export const pushKinds = ['assigned', 'mention', 'incident', 'escalated'] as const;

/** What the service worker receives (decrypted) and shows as a notification. */
export const PushPayload = z.object({
  kind: z.enum(pushKinds),
  title: z.string(),
  body: z.string(),
  /** Opened when the notification is clicked (a path on the app's origin). */
  url: z.string().startsWith('/'),
  /** Replaces an earlier notification about the same thing. */
  tag: z.string(),
  /** The user's unread count, for the app badge. */
  badge: z.number().int().min(0).optional(),
});
export type PushPayload = z.infer<typeof PushPayload>;
