// The console's reading of an SLA clock, without zod: every conversation row shows it, and the
// inbox route must not pull in the schema library for one small function.
import type { ConversationSla, SlaState } from './schemas/sla';

/** The state at `now` of a clock read earlier: running clocks turn amber and red on their own. */
export function slaStateAt(sla: ConversationSla, now: number): SlaState | null {
  if (sla.state !== 'ok' && sla.state !== 'warning' && sla.state !== 'breached') return sla.state;
  if (!sla.dueAt) return sla.state;
  if (now >= Date.parse(sla.dueAt)) return 'breached';
  if (sla.warningAt && now >= Date.parse(sla.warningAt)) return 'warning';
  return 'ok';
}
