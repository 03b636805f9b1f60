import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveMetrics } from '$lib/shared/schemas/metrics';
import { EventBus, type PublishedEvent } from '../events/event-bus';
import type { LiveMetricsService } from './live-metrics.service';
import { WALLBOARD_COALESCE_MS, WallboardPush } from './wallboard-push';

const figures = (waiting: number) => ({ totals: { waiting }, generatedAt: new Date().toISOString() }) as unknown as LiveMetrics;
const message = { seq: 1, type: 'message.created', payload: {}, inboxId: 1, userId: null } as unknown as PublishedEvent;

describe('wallboard pushes', () => {
  let waiting = 0;
  let computed = 0;
  let members = 1;
  const sent: [string, LiveMetrics][] = [];
  const live = { forScope: () => (computed++, figures(waiting)) } as unknown as LiveMetricsService;
  let push: WallboardPush;
  let bus: EventBus;

  beforeEach(() => {
    vi.useFakeTimers();
    waiting = computed = 0;
    members = 1;
    sent.length = 0;
    bus = new EventBus();
    push = new WallboardPush(live, { size: () => members, emit: (room, f) => sent.push([room, f]) });
    push.start(bus);
  });
  afterEach(() => {
    push.stop();
    vi.useRealTimers();
  });

  it('answers a burst of events with one recompute per scope, after the coalescing delay', () => {
    push.joined({ kind: 'all' });
    computed = 0;
    waiting = 1;
    for (let i = 0; i < 20; i++) bus.publish(message);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(WALLBOARD_COALESCE_MS);
    expect(computed).toBe(1);
    expect(sent.map(([room, f]) => [room, f.totals.waiting])).toEqual([['wallboard:all', 1]]);
  });

  it('sends nothing when the figures did not change, and forgets scopes nobody watches', () => {
    push.joined({ kind: 'all' });
    bus.publish(message);
    vi.advanceTimersByTime(WALLBOARD_COALESCE_MS);
    expect(sent).toEqual([]);
    members = 0;
    waiting = 5;
    bus.publish(message);
    vi.advanceTimersByTime(WALLBOARD_COALESCE_MS);
    computed = 0;
    bus.publish(message);
    vi.advanceTimersByTime(WALLBOARD_COALESCE_MS);
    expect(sent).toEqual([]);
    expect(computed).toBe(0);
  });

  it('ignores drafts, which change no figure', () => {
    push.joined({ kind: 'all' });
    computed = 0;
    bus.publish({ ...message, type: 'draft.updated' } as PublishedEvent);
    vi.advanceTimersByTime(WALLBOARD_COALESCE_MS);
    expect(computed).toBe(0);
  });
});
