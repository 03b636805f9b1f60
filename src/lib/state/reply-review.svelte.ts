/**
 * Review before send ("traffic cop"): when an agent starts a reply, the newest message of the
 * thread is remembered; if the customer wrote again, or another agent answered in public, before
 * the reply goes out, sending stops and says what arrived, so a customer never gets two answers
 * that contradict each other. Only what this console knows is compared (the outbox is not in the
 * way: a reply is checked when it is handed to the outbox, not when the network takes it).
 */
import type { Message } from '$lib/shared/schemas/message';

/** The part of a thread the check reads (ThreadState has it). */
export interface ReviewedThread {
  readonly messages: Message[];
  /** Null until the thread is loaded: a draft typed before that arms on a later keystroke. */
  readonly detail: unknown;
}

/** One line of the warning: the customer, or one agent, with how many messages. */
export interface Arrival {
  kind: 'customer' | 'agent';
  name: string;
  count: number;
}

/** The newest message stored on the server that this console has (local copies have negative ids). */
function newestStored(messages: Message[]): number {
  let newest = 0;
  for (const m of messages) if (m.id > newest) newest = m.id;
  return newest;
}

/** A message the customer or another agent sent in public: something my reply may now contradict. */
export function needsReview(m: Message, meId: number): boolean {
  if (m.id <= 0 || m.private) return false;
  if (m.direction === 'incoming') return true;
  if (m.direction !== 'outgoing') return false;
  return !(m.author?.type === 'user' && m.author.id === meId);
}

export class ReplyReview {
  /** The newest stored message id when this reply was started; null while no reply is being written. */
  baseline = $state<number | null>(null);
  /** What arrived since the baseline, shown instead of sending; empty when there is no warning. */
  arrived = $state.raw<Message[]>([]);

  constructor(
    private readonly thread: ReviewedThread,
    private readonly meId: () => number,
  ) {}

  get warning(): boolean {
    return this.arrived.length > 0;
  }

  /** The warning's lines: the customer first, then each agent, in the order they wrote. */
  get arrivals(): Arrival[] {
    const lines: Arrival[] = [];
    for (const m of this.arrived) {
      const kind = m.direction === 'incoming' ? 'customer' : 'agent';
      const name = m.author?.name ?? '';
      const line = lines.find((l) => l.kind === kind && (kind === 'customer' || l.name === name));
      if (line) line.count++;
      else lines.push({ kind, name, count: 1 });
    }
    return lines.sort((a, b) => Number(b.kind === 'customer') - Number(a.kind === 'customer'));
  }

  /** After each edit of the reply: its first non-empty keystroke remembers what the thread shows. */
  edited(text: string): void {
    if (!text.trim()) return this.reset();
    if (this.baseline === null && this.thread.detail) this.baseline = newestStored(this.thread.messages);
  }

  /** Before sending: true when the reply may go; false when the warning now lists what arrived. */
  check(): boolean {
    const base = this.baseline;
    if (base === null) return true;
    const me = this.meId();
    const news = this.thread.messages.filter((m) => m.id > base && needsReview(m, me));
    this.arrived = news;
    return news.length === 0;
  }

  /**
   * "Review": the warning closes and the reply counts as started now (what was listed has been
   * seen). Returns the first new message's id, to scroll to.
   */
  review(): number | null {
    const first = this.arrived[0]?.id ?? null;
    this.arrived = [];
    this.baseline = newestStored(this.thread.messages);
    return first;
  }

  /** The reply was sent (after the check or with "Send anyway") or emptied: the next one starts afresh. */
  reset(): void {
    this.baseline = null;
    this.arrived = [];
  }
}
