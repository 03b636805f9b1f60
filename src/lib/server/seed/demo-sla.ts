/**
 * The demo's SLA policies, as the team would set them up: office hours in each country's time
 * zone with its public holidays for email, long opening hours for chat, and a round-the-clock
 * policy for urgent conversations anywhere. Written through the service by the leads who manage
 * those inboxes, and by the supervisor for the one that spans every inbox.
 */
import type { BusinessHours, CreateSlaPolicyBody, OpenInterval } from '$lib/shared/schemas/sla';
import type { SwitchboardApp } from '../app';
import type { AuthContext } from '../auth/auth-context';

type DemoPolicy = Omit<CreateSlaPolicyBody, 'inboxIds'> & { by: string; inboxes: string[] };

const HOUR = 60;

function hours(timeZone: string, weekday: OpenInterval[], weekend: OpenInterval[] = []): BusinessHours {
  return { timeZone, days: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: weekend, sun: weekend } };
}

const office = [{ start: '08:00', end: '16:00' }];

export const DEMO_SLA_POLICIES: DemoPolicy[] = [
  {
    by: 'soren.ostergaard',
    name: 'Urgent, any inbox',
    inboxes: [],
    priorities: ['urgent'],
    firstResponseMinutes: 30,
    resolutionMinutes: 4 * HOUR,
    businessHours: null,
    holidays: [],
    enabled: true,
  },
  {
    by: 'magdalena.zajac',
    name: 'Email – Poland',
    inboxes: ['support', 'shop'],
    priorities: [],
    firstResponseMinutes: 4 * HOUR,
    resolutionMinutes: 3 * 8 * HOUR,
    businessHours: hours('Europe/Warsaw', office),
    holidays: ['2026-12-24', '2026-12-25', '2026-12-26', '2027-01-01', '2027-01-06'],
    enabled: true,
  },
  {
    by: 'magdalena.zajac',
    name: 'Live chat',
    inboxes: ['chat'],
    priorities: [],
    firstResponseMinutes: 15,
    resolutionMinutes: 8 * HOUR,
    businessHours: hours('Europe/Warsaw', [{ start: '07:00', end: '22:00' }], [{ start: '09:00', end: '17:00' }]),
    holidays: ['2026-12-25', '2027-01-01'],
    enabled: true,
  },
  {
    by: 'juha.makinen',
    name: 'Sähköposti – Suomi',
    inboxes: ['fi'],
    priorities: [],
    firstResponseMinutes: 4 * HOUR,
    resolutionMinutes: 3 * 8 * HOUR,
    businessHours: hours('Europe/Helsinki', office),
    holidays: ['2026-12-06', '2026-12-24', '2026-12-25', '2026-12-26', '2027-01-01', '2027-01-06'],
    enabled: true,
  },
  {
    by: 'mette.kjaer',
    name: 'E-mail – Danmark',
    inboxes: ['da'],
    priorities: [],
    firstResponseMinutes: 4 * HOUR,
    resolutionMinutes: 3 * 8 * HOUR,
    businessHours: hours('Europe/Copenhagen', office),
    holidays: ['2026-12-24', '2026-12-25', '2026-12-26', '2026-12-31', '2027-01-01'],
    enabled: true,
  },
];

export function seedDemoSla(app: SwitchboardApp, authOf: (key: string) => AuthContext, inboxId: (key: string) => number): number {
  for (const { by, inboxes, ...policy } of DEMO_SLA_POLICIES) {
    app.sla.policies.create(authOf(by), { ...policy, inboxIds: inboxes.map(inboxId) });
  }
  // The seed runs before the app follows its bus, so start the clocks of unresolved conversations here.
  app.sla.clocks.reapply();
  return DEMO_SLA_POLICIES.length;
}
