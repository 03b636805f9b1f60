import { z } from 'zod';
import { Priority } from './common';

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/** `HH:MM` on a 24-hour clock; `24:00` only as an end (midnight). */
const ClockTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a time such as 09:00 (24:00 for midnight)');

export const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

export const OpenInterval = z
  .object({ start: ClockTime, end: ClockTime })
  .strict()
  .refine((i) => i.start !== '24:00' && minutesOf(i.end) > minutesOf(i.start), { message: 'end must be after start', path: ['end'] });
export type OpenInterval = z.infer<typeof OpenInterval>;

const DayHours = z
  .array(OpenInterval)
  .max(4)
  .default([])
  .refine(
    (list) => [...list].sort((a, b) => minutesOf(a.start) - minutesOf(b.start)).every((i, n, s) => n === 0 || minutesOf(i.start) >= minutesOf(s[n - 1].end)),
    'the intervals of a day must not overlap',
  );

/** A name Intl knows (IANA, e.g. Europe/Warsaw). Checked with Intl so both sides agree. */
export const TimeZoneName = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone such as Europe/Warsaw');

export const BusinessHours = z
  .object({
    timeZone: TimeZoneName,
    /** Open intervals per weekday (local wall-clock time); a day without intervals is closed. */
    days: z.object(Object.fromEntries(weekdays.map((d) => [d, DayHours])) as Record<Weekday, typeof DayHours>).strict(),
  })
  .strict()
  .refine((b) => weekdays.some((d) => b.days[d].length > 0), { message: 'open at least one interval a week', path: ['days'] });
export type BusinessHours = z.infer<typeof BusinessHours>;

/** A closed local date in the business hours' time zone. */
const Holiday = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2025-12-24').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a real date');

/** Minutes of business time; at most a year of round-the-clock time. */
const Target = z.number().int().min(1).max(525_600);

const policyFields = {
  name: z.string().trim().min(1).max(100),
  /** Empty: every inbox. */
  inboxIds: z.array(z.number().int().positive()).max(200),
  /** Empty: every priority. */
  priorities: z.array(Priority).max(4),
  firstResponseMinutes: Target.nullable(),
  resolutionMinutes: Target.nullable(),
  /** Null: the clock runs around the clock. */
  businessHours: BusinessHours.nullable(),
  holidays: z.array(Holiday).max(366),
  enabled: z.boolean(),
};

const needsTarget = (b: { firstResponseMinutes?: number | null; resolutionMinutes?: number | null }) =>
  b.firstResponseMinutes === undefined || b.resolutionMinutes === undefined || b.firstResponseMinutes !== null || b.resolutionMinutes !== null;

export const CreateSlaPolicyBody = z
  .object({
    ...policyFields,
    inboxIds: policyFields.inboxIds.default([]),
    priorities: policyFields.priorities.default([]),
    firstResponseMinutes: policyFields.firstResponseMinutes.default(null),
    resolutionMinutes: policyFields.resolutionMinutes.default(null),
    businessHours: policyFields.businessHours.default(null),
    holidays: policyFields.holidays.default([]),
    enabled: policyFields.enabled.default(true),
  })
  .strict()
  .refine(needsTarget, { message: 'set a first response or a resolution target', path: ['firstResponseMinutes'] });
export type CreateSlaPolicyBody = z.infer<typeof CreateSlaPolicyBody>;

export const PatchSlaPolicyBody = z
  .object(policyFields)
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type PatchSlaPolicyBody = z.infer<typeof PatchSlaPolicyBody>;

export const SlaPolicy = z.object({
  id: z.number().int(),
  ...policyFields,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SlaPolicy = z.infer<typeof SlaPolicy>;

export const SlaPolicyList = z.object({ items: z.array(SlaPolicy) });

export const slaStates = ['ok', 'warning', 'breached', 'paused', 'met'] as const;
export const SlaState = z.enum(slaStates);
export type SlaState = z.infer<typeof SlaState>;

/**
 * A conversation's SLA clock as consoles show it. `dueAt` and `warningAt` belong to the target
 * that is running now (first response until the first reply, then resolution), so a console can
 * turn a row amber (`warningAt`: a quarter of the target's business time is left) and red
 * (`dueAt`) by itself as time passes. `state` is null when no policy applies.
 */
export const ConversationSla = z.object({
  policyId: z.number().int().nullable(),
  firstResponseDueAt: z.string().nullable(),
  resolutionDueAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  warningAt: z.string().nullable(),
  state: SlaState.nullable(),
});
export type ConversationSla = z.infer<typeof ConversationSla>;

export const NO_SLA: ConversationSla = { policyId: null, firstResponseDueAt: null, resolutionDueAt: null, dueAt: null, warningAt: null, state: null };

export const slaBreachKinds = ['first_response', 'resolution'] as const;
export type SlaBreachKind = (typeof slaBreachKinds)[number];
