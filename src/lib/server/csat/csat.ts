import type { Db } from '../db/client';
import type { EventLog } from '../events/event-log';
import type { ConversationService } from '../inbox/conversation.service';
import type { MessageService } from '../inbox/message.service';
import { loadCsatSecret } from './csat-secret';
import { CsatService } from './csat.service';
import { CsatSettingsStore } from './csat-settings';

export interface Csat {
  surveys: CsatService;
  settings: CsatSettingsStore;
}

/** Satisfaction surveys' part of the composition root: it plugs into resolving, the inbox never imports it. */
export function createCsat(deps: { db: Db; log: EventLog; messages: MessageService; conversations: ConversationService; publicUrl: string }): Csat {
  const settings = new CsatSettingsStore(deps.db);
  const surveys = new CsatService(deps.db, deps.log, deps.messages, deps.conversations, settings, loadCsatSecret(deps.db), deps.publicUrl);
  deps.conversations.onResolved(surveys.onResolved);
  return { surveys, settings };
}
