/**
 * Posting an update to an incident's timeline (and, optionally, to every linked customer). Each
 * submission carries an `Idempotency-Key`: the same text sent again after a lost answer reuses
 * it, so customers get one copy; a new text (or the next update after a success) gets a new one.
 */
import { PostIncidentUpdateBody, type Incident, type IncidentStatus, type IncidentUpdate } from '$lib/shared/schemas/incident';
import { api } from '$lib/client/api';
import { newClientId } from '$lib/client/ids';
import { errorsFrom, serverErrors, type FieldErrors } from './incident-form.svelte';

export interface PostedUpdate {
  update: IncidentUpdate;
  incident: Incident;
}

export class IncidentUpdateForm {
  status = $state<IncidentStatus>('investigating');
  message = $state('');
  notifyLinked = $state(false);
  resolveLinked = $state(false);
  errors = $state<FieldErrors>({});
  pending = $state(false);

  #key: string | null = null;
  #keyFor = '';

  constructor(current: IncidentStatus = 'investigating') {
    this.status = current === 'resolved' ? 'monitoring' : current;
  }

  body(): PostIncidentUpdateBody | null {
    const parsed = PostIncidentUpdateBody.safeParse({
      status: this.status,
      message: this.message,
      notifyLinked: this.notifyLinked,
      resolveLinked: this.status === 'resolved' && this.resolveLinked,
    });
    if (!parsed.success) {
      this.errors = errorsFrom(parsed.error.issues);
      return null;
    }
    this.errors = {};
    return parsed.data;
  }

  /** The key for this exact update: kept while the same update is retried. */
  keyFor(body: PostIncidentUpdateBody): string {
    const signature = JSON.stringify(body);
    if (!this.#key || this.#keyFor !== signature) {
      this.#key = newClientId();
      this.#keyFor = signature;
    }
    return this.#key;
  }

  async submit(incidentId: number): Promise<PostedUpdate | null> {
    if (this.pending) return null;
    const body = this.body();
    if (!body) return null;
    const key = this.keyFor(body);
    this.pending = true;
    try {
      const posted = await api<PostedUpdate>(`/api/incidents/${incidentId}/updates`, { method: 'POST', body, headers: { 'Idempotency-Key': key } });
      this.#key = null;
      this.message = '';
      this.notifyLinked = false;
      this.resolveLinked = false;
      return posted;
    } catch (err) {
      this.errors = serverErrors(err);
      return null;
    } finally {
      this.pending = false;
    }
  }
}
