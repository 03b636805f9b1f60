import { describe, expect, it } from 'vitest';
import { CreateSlaPolicyBody, PatchSlaPolicyBody } from './sla';

const closed = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const office = { timeZone: 'Europe/Warsaw', days: { ...closed, mon: [{ start: '09:00', end: '17:00' }] } };
const issues = (body: unknown) => {
  const r = CreateSlaPolicyBody.safeParse(body);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('SLA policy bodies', () => {
  it('fills defaults: every inbox and priority, no business hours, enabled', () => {
    expect(CreateSlaPolicyBody.parse({ name: 'Standard', firstResponseMinutes: 60 })).toEqual({
      name: 'Standard',
      inboxIds: [],
      priorities: [],
      firstResponseMinutes: 60,
      resolutionMinutes: null,
      businessHours: null,
      holidays: [],
      enabled: true,
    });
  });

  it('accepts weekly hours in an IANA zone, closing at midnight as 24:00', () => {
    const hours = { timeZone: 'Europe/Copenhagen', days: { ...closed, sat: [{ start: '10:00', end: '24:00' }] } };
    expect(issues({ name: 'Weekend', resolutionMinutes: 600, businessHours: hours, holidays: ['2025-12-24'] })).toEqual([]);
  });

  it('refuses a policy without targets, an unknown zone, backwards or overlapping hours, a week never open and a date that does not exist', () => {
    expect(issues({ name: 'x' }).join()).toMatch(/first response or a resolution target/);
    expect(issues({ name: 'x', firstResponseMinutes: 5, businessHours: { ...office, timeZone: 'Mars/Olympus' } }).join()).toMatch(/IANA time zone/);
    expect(issues({ name: 'x', firstResponseMinutes: 5, businessHours: { ...office, days: { ...closed, mon: [{ start: '17:00', end: '09:00' }] } } }).join()).toMatch(/end must be after start/);
    expect(
      issues({ name: 'x', firstResponseMinutes: 5, businessHours: { ...office, days: { ...closed, mon: [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '17:00' }] } } }).join(),
    ).toMatch(/must not overlap/);
    expect(issues({ name: 'x', firstResponseMinutes: 5, businessHours: { ...office, days: closed } }).join()).toMatch(/open at least one interval/);
    expect(issues({ name: 'x', firstResponseMinutes: 5, holidays: ['2025-02-30'] }).join()).toMatch(/not a real date/);
    expect(issues({ name: 'x', firstResponseMinutes: 0 }).join()).toMatch(/firstResponseMinutes/);
  });

  it('takes a partial change but not an empty one or unknown fields', () => {
    expect(PatchSlaPolicyBody.safeParse({ enabled: false }).success).toBe(true);
    expect(PatchSlaPolicyBody.safeParse({}).success).toBe(false);
    expect(PatchSlaPolicyBody.safeParse({ colour: 'red' }).success).toBe(false);
  });
});
