/** `paths` of running the floor: capacity, auto-assignment, escalation and teams (issue 6). */
import { z } from 'zod';
import { AgentLoad, AgentLoadList, AutoAssignBody, CapacityBody, CreateTeamBody, EscalateBody, PatchTeamBody, Team, TeamList } from '$lib/shared/schemas/floor';
import { operation, pathParams, type Method, type OperationSpec } from './operations';
import { schemaRef as ref } from './schemas';

const schema = (s: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _s, ...rest } = z.toJSONSchema(s, { io, target: 'draft-2020-12', unrepresentable: 'any' });
  return rest;
};

export function buildFloorPaths() {
  const paths: Record<string, Record<string, unknown>> = {};
  const route = (path: string, ops: Partial<Record<Method, OperationSpec>>) => {
    const params = pathParams(path);
    paths[path] = {
      ...(params.length ? { parameters: params } : {}),
      ...Object.fromEntries(Object.entries(ops).map(([method, spec]) => [method, operation(method as Method, path, spec)])),
    };
  };
  const team = schema(Team, 'output');

  route('/api/users/{id}/capacity', {
    put: {
      tag: 'Users',
      operationId: 'setUserCapacity',
      summary: 'Set an agent’s capacity',
      description: 'The most open conversations auto-assignment gives this user at once (1 to 100; default 10). Needs the supervisor role or higher. Assigning by hand is not limited by it.',
      notFound: 'user',
      body: { schema: schema(CapacityBody, 'input') },
      success: { 200: { description: 'The user’s capacity and current load.', schema: schema(AgentLoad, 'output') } },
      errors: { 403: [['forbidden', 'this needs the supervisor role or higher']] },
    },
  });

  route('/api/floor/load', {
    get: {
      tag: 'Users',
      operationId: 'listAgentLoads',
      summary: 'Open assigned conversations against capacity',
      description: 'Agents get their own load; a lead also those of the members of teams they lead; supervisors and admins everyone’s. `open` counts conversations with status open assigned to the user in any inbox.',
      success: { 200: { description: 'Loads, by name.', schema: schema(AgentLoadList, 'output') } },
    },
  });

  route('/api/inboxes/{id}/auto-assign', {
    put: {
      tag: 'Inboxes',
      operationId: 'setInboxAutoAssign',
      summary: 'Turn round-robin auto-assignment on or off',
      description:
        'When on, every new conversation (a customer’s first message) goes to the next available member of the inbox: online (not away or offline), with fewer open assigned conversations than their capacity, and whose last automatic assignment in this inbox is the oldest. If nobody is available it waits unassigned until a member comes online or one of their conversations stops being open; then the oldest waiting ones go to them, up to their capacity (escalated conversations stay with the leads). The assignment is part of `conversation.created` and a system line in the thread says who got it.',
      role: 'admin',
      notFound: 'inbox',
      body: { schema: schema(AutoAssignBody, 'input') },
      success: { 200: { description: 'The inbox’s new setting.', schema: { type: 'object', properties: { inboxId: { type: 'integer' }, autoAssign: { type: 'boolean' } }, required: ['inboxId', 'autoAssign'] } } },
    },
  });

  route('/api/conversations/{id}/escalate', {
    post: {
      tag: 'Conversations',
      operationId: 'escalateConversation',
      summary: 'Escalate to the inbox’s leads',
      description:
        'Anyone who sees the conversation may escalate it with a reason (3 to 500 characters). It is unassigned into the leads’ queue (`GET /api/conversations?escalated=1`), its priority rises to at least high, a system line records the reason, and every active lead, supervisor and admin who sees the inbox gets the `conversation.escalated` socket event and a Web Push (kind `escalated`). A lead (or above) assigning it takes it and clears the escalation.',
      notFound: 'conversation',
      body: { schema: schema(EscalateBody, 'input') },
      success: { 200: { description: 'The escalated conversation.', schema: ref('ConversationDetail') } },
      errors: { 409: [['conversation_resolved', 'a resolved conversation cannot be escalated; reopen it first']] },
    },
  });

  const teamErrors = {
    400: [['unknown_user', 'no such user: 42']] as [string, string][],
    409: [['team_name_taken', 'a team with this name exists']] as [string, string][],
  };
  route('/api/teams', {
    get: {
      tag: 'Users',
      operationId: 'listTeams',
      summary: 'Teams',
      description: 'Teams with their members; a lead of a team sees its members’ figures on the wallboard and in reports.',
      role: 'lead',
      success: { 200: { description: 'The teams, by name.', schema: schema(TeamList, 'output') } },
    },
    post: {
      tag: 'Users',
      operationId: 'createTeam',
      summary: 'Create a team',
      role: 'admin',
      body: { schema: schema(CreateTeamBody, 'input') },
      success: { 201: { description: 'The new team.', schema: team } },
      errors: teamErrors,
    },
  });

  route('/api/teams/{id}', {
    get: { tag: 'Users', operationId: 'getTeam', summary: 'One team', role: 'lead', notFound: 'team', success: { 200: { description: 'The team.', schema: team } } },
    patch: {
      tag: 'Users',
      operationId: 'updateTeam',
      summary: 'Rename a team or replace its members',
      description: '`members` replaces the whole list (each `{userId, role: member|lead}`).',
      role: 'admin',
      notFound: 'team',
      body: { schema: schema(PatchTeamBody, 'input') },
      success: { 200: { description: 'The changed team.', schema: team } },
      errors: teamErrors,
    },
    delete: {
      tag: 'Users',
      operationId: 'deleteTeam',
      summary: 'Delete a team',
      role: 'admin',
      notFound: 'team',
      success: { 200: { description: 'Deleted.', schema: ref('Ok') } },
    },
  });
  return paths;
}
