import { z } from 'zod';

/** Most open conversations auto-assignment gives one agent at once. */
export const Capacity = z.number().int().min(1).max(100);
export const CapacityBody = z.object({ capacity: Capacity }).strict();
export const AutoAssignBody = z.object({ enabled: z.boolean() }).strict();

/** An agent's open assigned conversations against their capacity. */
export const AgentLoad = z.object({ userId: z.number().int(), name: z.string(), open: z.number().int(), capacity: z.number().int() });
export type AgentLoad = z.infer<typeof AgentLoad>;
export const AgentLoadList = z.object({ items: z.array(AgentLoad) });

export const EscalateBody = z.object({ reason: z.string().trim().min(3).max(500) }).strict();

/** Sent to each lead (and above) who sees the inbox: a conversation was escalated to them. */
export const EscalationRaised = z.object({
  seq: z.number().int(),
  conversationId: z.number().int(),
  inboxId: z.number().int(),
  reason: z.string(),
  by: z.object({ id: z.number().int(), name: z.string() }),
  contactName: z.string(),
});
export type EscalationRaised = z.infer<typeof EscalationRaised>;

export const teamRoles = ['member', 'lead'] as const;
export const TeamRole = z.enum(teamRoles);
const TeamName = z.string().trim().min(1).max(80);
export const TeamMemberInput = z.object({ userId: z.number().int().positive(), role: TeamRole.default('member') }).strict();

export const CreateTeamBody = z.object({ name: TeamName, members: z.array(TeamMemberInput).max(500).default([]) }).strict();
export const PatchTeamBody = z
  .object({ name: TeamName, members: z.array(TeamMemberInput).max(500) })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

export const Team = z.object({
  id: z.number().int(),
  name: z.string(),
  createdAt: z.string(),
  members: z.array(z.object({ userId: z.number().int(), name: z.string(), role: TeamRole })),
});
export type Team = z.infer<typeof Team>;
export const TeamList = z.object({ items: z.array(Team) });
