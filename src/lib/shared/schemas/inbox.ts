import { z } from 'zod';
import { ChannelKind } from './common';

const Name = z.string().trim().min(1).max(80);

/** Settings of the generic API channel; other channels add their own in later modules. */
export const ApiChannelSettings = z
  .object({ webhookUrl: z.string().url().max(2000).refine((u) => /^https?:/.test(u), 'http or https only').nullable().optional() })
  .strict();

/** Create body: `name` and `channel` plus that channel's settings, checked by its adapter. */
export const CreateInboxBody = z.object({ name: Name, channel: ChannelKind }).passthrough();
export const PatchInboxBody = z.object({ name: Name }).partial().passthrough();
export const AddMemberBody = z.object({ userId: z.number().int().positive() }).strict();

export const Inbox = z.object({
  id: z.number().int(),
  name: z.string(),
  channel: ChannelKind,
  createdAt: z.string(),
  memberIds: z.array(z.number().int()),
  /** New conversations go round-robin to available members under their capacity. */
  autoAssign: z.boolean(),
  /** Channel settings that are safe to show to members; secrets only to admins. */
  settings: z.record(z.string(), z.unknown()),
});
export type Inbox = z.infer<typeof Inbox>;
