/**
 * The SLA settings page: the policy list and the one policy being edited. `body()` turns the
 * form into the API's shape; server errors are shown as they come.
 */
import { api, errorMessage } from '$lib/client/api';
import type { Priority } from '$lib/shared/schemas/common';
import { weekdays, type BusinessHours, type SlaPolicy, type Weekday } from '$lib/shared/schemas/sla';

type Interval = { start: string; end: string };

const OFFICE: Interval[] = [{ start: '09:00', end: '17:00' }];

function guessTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export class SlaPolicyForm {
  readonly id: number | null;
  name = $state('');
  inboxIds = $state<number[]>([]);
  priorities = $state<Priority[]>([]);
  /** Bound to number inputs: a number, or empty (null or '') while nothing is typed. */
  firstResponse = $state<number | string | null>(null);
  resolution = $state<number | string | null>(null);
  enabled = $state(true);
  useHours = $state(false);
  timeZone = $state(guessTimeZone());
  days = $state<Record<Weekday, Interval[]>>(Object.fromEntries(weekdays.map((d) => [d, d === 'sat' || d === 'sun' ? [] : OFFICE.map((i) => ({ ...i }))])) as Record<Weekday, Interval[]>);
  holidays = $state<string[]>([]);

  constructor(policy?: SlaPolicy) {
    this.id = policy?.id ?? null;
    if (!policy) return;
    this.name = policy.name;
    this.inboxIds = [...policy.inboxIds];
    this.priorities = [...policy.priorities];
    this.firstResponse = policy.firstResponseMinutes;
    this.resolution = policy.resolutionMinutes;
    this.enabled = policy.enabled;
    this.holidays = [...policy.holidays];
    if (policy.businessHours) {
      this.useHours = true;
      this.timeZone = policy.businessHours.timeZone;
      this.days = Object.fromEntries(weekdays.map((d) => [d, policy.businessHours!.days[d].map((i) => ({ ...i }))])) as Record<Weekday, Interval[]>;
    }
  }

  toggle<T>(list: T[], value: T, on: boolean): T[] {
    return on ? [...new Set([...list, value])] : list.filter((v) => v !== value);
  }

  addInterval(day: Weekday) {
    const last = this.days[day].at(-1);
    this.days[day] = [...this.days[day], last ? { start: last.end === '24:00' ? '23:00' : last.end, end: '24:00' } : { ...OFFICE[0] }];
  }

  removeInterval(day: Weekday, index: number) {
    this.days[day] = this.days[day].filter((_, i) => i !== index);
  }

  addHoliday(date: string) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(date)) this.holidays = [...new Set([...this.holidays, date])].sort();
  }

  body() {
    const minutes = (v: number | string | null | undefined) => (v === null || v === undefined || String(v).trim() === '' ? null : Number(v));
    const businessHours: BusinessHours | null = this.useHours ? { timeZone: this.timeZone, days: $state.snapshot(this.days) } : null;
    return {
      name: this.name.trim(),
      inboxIds: $state.snapshot(this.inboxIds),
      priorities: $state.snapshot(this.priorities),
      firstResponseMinutes: minutes(this.firstResponse),
      resolutionMinutes: minutes(this.resolution),
      enabled: this.enabled,
      businessHours,
      holidays: $state.snapshot(this.holidays),
    };
  }
}

export class SlaPoliciesState {
  items = $state.raw<SlaPolicy[] | null>(null);
  error = $state<string | null>(null);
  form = $state<SlaPolicyForm | null>(null);
  formError = $state<string | null>(null);
  busy = $state(false);

  async load() {
    try {
      this.items = (await api<{ items: SlaPolicy[] }>('/api/sla-policies')).items;
      this.error = null;
    } catch (err) {
      this.error = errorMessage(err);
      this.items ??= [];
    }
  }

  edit(policy?: SlaPolicy) {
    this.formError = null;
    this.form = new SlaPolicyForm(policy);
  }

  async save(): Promise<boolean> {
    const form = this.form;
    if (!form) return false;
    this.busy = true;
    this.formError = null;
    try {
      const body = form.body();
      if (form.id === null) await api('/api/sla-policies', { method: 'POST', body });
      else await api(`/api/sla-policies/${form.id}`, { method: 'PATCH', body });
      this.form = null;
      await this.load();
      return true;
    } catch (err) {
      this.formError = errorMessage(err);
      return false;
    } finally {
      this.busy = false;
    }
  }

  async remove(policy: SlaPolicy) {
    try {
      await api(`/api/sla-policies/${policy.id}`, { method: 'DELETE' });
      await this.load();
    } catch (err) {
      this.error = errorMessage(err);
    }
  }
}
