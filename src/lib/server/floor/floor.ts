import type { Db } from '../db/client';
import type { EventBus } from '../events/event-bus';
import type { EventLog } from '../events/event-log';
import type { ConversationService } from '../inbox/conversation.service';
import type { MessageService } from '../inbox/message.service';
import type { PushService } from '../push/push.service';
import type { PresenceService } from '../realtime/presence.service';
import type { UserService } from '../users/user.service';
import { AutoAssigner } from './auto-assign';
import { CapacityService } from './capacity.service';
import { startEscalationPush } from './escalation-push';
import { startBackfill } from './backfill';
import { EscalationService } from './escalation.service';
import { TeamService } from './team.service';

export interface Floor {
  capacity: CapacityService;
  escalations: EscalationService;
  teams: TeamService;
  /** Starts the Web Push of escalations to leads and the backfill of waiting conversations; returns the stop function. */
  start(): () => void;
}

/** Running the floor (assignment, capacity, escalation, teams): plugs into the inbox by hooks. */
export function createFloor(deps: { db: Db; log: EventLog; bus: EventBus; messages: MessageService; conversations: ConversationService; presence: PresenceService; push: PushService; users: UserService }): Floor {
  const { db, log, bus, messages, conversations, presence, push, users } = deps;
  const assigner = new AutoAssigner(db, presence, conversations);
  messages.onConversationStarted(assigner.onStarted);
  return {
    capacity: new CapacityService(db, log, assigner),
    escalations: new EscalationService(db, log, conversations),
    teams: new TeamService(db),
    start: () => {
      const stops = [startEscalationPush(bus, push, users), startBackfill({ db, log, bus, presence, conversations, assigner })];
      return () => stops.forEach((stop) => stop());
    },
  };
}
