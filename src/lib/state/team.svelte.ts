/**
 * Teammates (for assignee pickers) with their presence, plus my own presence: online, or away
 * after five minutes without input (back to online on input), or away by hand from the menu.
 */
import type { PresenceStatus } from '$lib/shared/schemas/common';
import type { UserSummary } from '$lib/shared/schemas/user';
import { api } from '$lib/client/api';

const IDLE_MS = 5 * 60_000;

export class TeamState {
  users = $state.raw<UserSummary[]>([]);
  presence = $state<Record<number, PresenceStatus>>({});
  /** What I show to others. */
  myStatus = $state<'online' | 'away'>('online');
  /** Chosen by hand: idle detection leaves it alone. */
  manual = $state(false);

  #lastInput = Date.now();
  #timer: ReturnType<typeof setInterval> | null = null;
  #cleanup: (() => void)[] = [];

  constructor(private readonly send: (status: 'online' | 'away') => void) {}

  async load(): Promise<void> {
    try {
      const [{ items }, presence] = await Promise.all([
        api<{ items: UserSummary[] }>('/api/users'),
        api<{ items: { userId: number; status: PresenceStatus }[] }>('/api/presence').catch(() => ({ items: [] })),
      ]);
      this.users = items;
      const map: Record<number, PresenceStatus> = {};
      for (const u of items) map[u.id] = u.presence;
      for (const p of presence.items) map[p.userId] = p.status;
      this.presence = map;
    } catch {
      // pickers show what they have
    }
  }

  user(id: number | null | undefined): UserSummary | undefined {
    return id == null ? undefined : this.users.find((u) => u.id === id);
  }

  name(id: number | null | undefined): string | undefined {
    return this.user(id)?.name;
  }

  statusOf(id: number): PresenceStatus {
    return this.presence[id] ?? 'offline';
  }

  setPresence(userId: number, status: PresenceStatus): void {
    this.presence[userId] = status;
  }

  /** Called from the user menu. */
  choose(status: 'online' | 'away'): void {
    this.manual = status === 'away';
    this.#lastInput = Date.now();
    this.#set(status);
  }

  /** Re-announce after a reconnect (the server starts every socket as online). */
  announce(): void {
    if (this.myStatus === 'away') this.send('away');
  }

  startIdleWatch(): void {
    const onInput = () => {
      this.#lastInput = Date.now();
      if (this.myStatus === 'away' && !this.manual) this.#set('online');
    };
    const events = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'pointermove'] as const;
    let lastMove = 0;
    const throttled = (e: Event) => {
      if (e.type === 'pointermove') {
        const now = Date.now();
        if (now - lastMove < 5_000) return;
        lastMove = now;
      }
      onInput();
    };
    for (const ev of events) window.addEventListener(ev, throttled, { passive: true });
    const onVisible = () => document.visibilityState === 'visible' && onInput();
    document.addEventListener('visibilitychange', onVisible);
    this.#cleanup.push(() => {
      for (const ev of events) window.removeEventListener(ev, throttled);
      document.removeEventListener('visibilitychange', onVisible);
    });
    this.#timer = setInterval(() => {
      if (!this.manual && this.myStatus === 'online' && Date.now() - this.#lastInput > IDLE_MS) this.#set('away');
    }, 15_000);
  }

  #set(status: 'online' | 'away') {
    if (this.myStatus === status) {
      this.send(status);
      return;
    }
    this.myStatus = status;
    this.send(status);
  }

  dispose(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#cleanup.forEach((f) => f());
  }
}
