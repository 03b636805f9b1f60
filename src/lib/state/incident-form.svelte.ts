/**
 * The declaration of an incident as a form: Declare (POST, once per opened form thanks to the
 * `Idempotency-Key`) and Edit (PATCH with only what changed). Both check the fields with the
 * shared zod schemas first and put each problem, in the interface's language, at its field.
 */
import type { z } from 'zod';
import { DeclareIncidentBody, PatchIncidentBody, type CrisisSettings, type Incident, type Severity } from '$lib/shared/schemas/incident';
import type { ChannelKind } from '$lib/shared/schemas/common';
import { api, ApiError, errorMessage } from '$lib/client/api';
import { newClientId } from '$lib/client/ids';
import * as m from '$lib/paraglide/messages';

export type IncidentField = 'title' | 'severity' | 'message' | 'internalNote' | 'components' | 'keywords' | 'channels' | 'inboxIds' | 'form';
export type FieldErrors = Partial<Record<IncidentField, string>>;

interface Issue {
  path: PropertyKey[];
  code?: string;
  /** zod 4: what was measured ('string' -> characters, 'array' -> entries). */
  origin?: string;
  message: string;
  maximum?: unknown;
}

const FIELDS = new Set<string>(['title', 'severity', 'message', 'internalNote', 'components', 'keywords', 'channels', 'inboxIds']);

function fieldOf(path: PropertyKey[]): IncidentField {
  // match.keywords.3 -> keywords; components.0 -> components
  const name = String(path[0] === 'match' ? path[1] : path[0]);
  return FIELDS.has(name) ? (name as IncidentField) : 'form';
}

/** One problem in words ("Required", "At most 200 characters"), else the schema's own text. */
export function issueText(issue: Issue): string {
  const chip = typeof issue.path[issue.path.length - 1] === 'number';
  if (issue.code === 'too_small') return chip ? m.crisis_error_chip_short() : m.crisis_error_required();
  if (issue.code === 'too_big' && typeof issue.maximum === 'number') {
    return issue.origin === 'array' ? m.crisis_error_too_many({ max: issue.maximum }) : m.crisis_error_too_long({ max: issue.maximum });
  }
  return issue.message;
}

export function errorsFrom(issues: readonly Issue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) errors[fieldOf(issue.path)] ??= issueText(issue);
  return errors;
}

/** What the server refused, at its fields when it said which. */
export function serverErrors(err: unknown): FieldErrors {
  if (err instanceof ApiError && err.issues.length) {
    const errors = errorsFrom(err.issues as Issue[]);
    if (Object.keys(errors).length) return errors;
  }
  if (err instanceof ApiError && err.status === 403) return { form: m.crisis_error_forbidden() };
  if (err instanceof ApiError && err.code === 'incident_resolved') return { form: m.crisis_error_already_resolved() };
  if (err instanceof ApiError && err.isNetwork) return { form: m.crisis_error_network() };
  return { form: errorMessage(err) };
}

/** The editable fields of an incident (Declare has the customer-facing message as well). */
export class IncidentFields {
  title = $state('');
  severity = $state<Severity>('major');
  message = $state('');
  internalNote = $state('');
  components = $state<string[]>([]);
  keywords = $state<string[]>([]);
  channels = $state<ChannelKind[]>([]);
  inboxIds = $state<number[]>([]);
  autoAcknowledge = $state(false);
  errors = $state<FieldErrors>({});
  pending = $state(false);

  protected match() {
    return { keywords: [...this.keywords], channels: [...this.channels], inboxIds: [...this.inboxIds] };
  }

  protected check<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> | null {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      this.errors = errorsFrom(parsed.error.issues);
      return null;
    }
    this.errors = {};
    return parsed.data;
  }

  protected async send<T>(run: () => Promise<T>): Promise<T | null> {
    this.pending = true;
    try {
      return await run();
    } catch (err) {
      this.errors = serverErrors(err);
      return null;
    } finally {
      this.pending = false;
    }
  }
}

export class DeclareIncidentForm extends IncidentFields {
  /** One key per opened form: a double click or a retry after a lost answer declares once. */
  readonly key = newClientId();

  body(): DeclareIncidentBody | null {
    const note = this.internalNote.trim();
    return this.check(DeclareIncidentBody, {
      title: this.title,
      severity: this.severity,
      message: this.message,
      ...(note ? { internalNote: note } : {}),
      components: [...this.components],
      match: this.match(),
      autoAcknowledge: this.autoAcknowledge,
    });
  }

  async submit(): Promise<Incident | null> {
    if (this.pending) return null;
    const body = this.body();
    if (!body) return null;
    return this.send(() => api<Incident>('/api/incidents', { method: 'POST', body, headers: { 'Idempotency-Key': this.key } }));
  }
}

const same = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export class EditIncidentForm extends IncidentFields {
  readonly #was: Incident;

  constructor(incident: Incident) {
    super();
    this.#was = incident;
    this.title = incident.title;
    this.severity = incident.severity;
    this.message = incident.message;
    this.internalNote = incident.internalNote ?? '';
    this.components = [...incident.components];
    this.keywords = [...incident.match.keywords];
    this.channels = [...incident.match.channels];
    this.inboxIds = [...incident.match.inboxIds];
    this.autoAcknowledge = incident.autoAcknowledge;
  }

  /** Only what changed; null (with a message) when nothing did or a field is wrong. */
  body(): PatchIncidentBody | null {
    const was = this.#was;
    const raw: Record<string, unknown> = {};
    if (this.title.trim() !== was.title) raw.title = this.title;
    if (this.severity !== was.severity) raw.severity = this.severity;
    if (this.internalNote.trim() !== (was.internalNote ?? '')) raw.internalNote = this.internalNote;
    if (!same(this.components, was.components)) raw.components = [...this.components];
    const match = this.match();
    if (!same(match.keywords, was.match.keywords) || !same(match.channels, was.match.channels) || !same(match.inboxIds, was.match.inboxIds)) raw.match = match;
    if (this.autoAcknowledge !== was.autoAcknowledge) raw.autoAcknowledge = this.autoAcknowledge;
    if (!Object.keys(raw).length) {
      this.errors = { form: m.crisis_error_nothing_changed() };
      return null;
    }
    return this.check(PatchIncidentBody, raw);
  }

  async submit(): Promise<Incident | null> {
    if (this.pending) return null;
    const body = this.body();
    if (!body) return null;
    return this.send(() => api<Incident>(`/api/incidents/${this.#was.id}`, { method: 'PATCH', body }));
  }
}

/** The components the status page lists, offered as chips; none when they cannot be read. */
export async function loadComponentSuggestions(): Promise<string[]> {
  try {
    return (await api<CrisisSettings>('/api/crisis/settings')).components;
  } catch {
    return [];
  }
}
