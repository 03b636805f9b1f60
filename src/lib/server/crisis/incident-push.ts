import { isNull } from 'drizzle-orm';
import * as m from '$lib/paraglide/messages';
import type { Incident } from '$lib/shared/schemas/incident';
import type { Locale } from '$lib/shared/schemas/common';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import type { PushService } from '../push/push.service';

const titles = {
  minor: m.crisis_push_title_minor,
  major: m.crisis_push_title_major,
  critical: m.crisis_push_title_critical,
} as const;

/**
 * Tells every enabled user's subscribed browsers that an incident was declared, in their own
 * language. Called in the declaring transaction, so the push jobs commit with the incident.
 */
export function pushDeclared(db: Db, push: PushService, incident: Incident): void {
  const everyone = db.select({ id: users.id, locale: users.locale }).from(users).where(isNull(users.disabledAt)).all();
  for (const user of everyone) {
    const locale = (user.locale ?? 'en') as Locale;
    push.notify(user.id, {
      kind: 'incident',
      title: titles[incident.severity]({ title: incident.title }, { locale }),
      body: m.crisis_push_body({ name: incident.declaredBy?.name ?? 'Switchboard', message: incident.message }, { locale }),
      url: `/crisis/${incident.id}`,
      tag: `incident-${incident.id}`,
    });
  }
}
