import type { LiveMetrics } from '$lib/shared/schemas/metrics';
import type { AuthContext } from '../auth/auth-context';
import type { StatementCache } from '../db/statement-cache';
import type { PresenceService } from '../realtime/presence.service';
import { liveMetrics } from './live-metrics.queries';
import { metricsScope, type MetricsScope } from './metrics-scope';
import { calendarLookup } from './response-times';
import type { SlaPolicyService } from './sla-policy.service';

/** The wallboard's figures: for a caller (REST, socket join) or for a scope (the push loop). */
export class LiveMetricsService {
  constructor(
    private readonly cache: StatementCache,
    private readonly presence: PresenceService,
    private readonly policies: SlaPolicyService,
  ) {}

  scopeOf(auth: AuthContext): MetricsScope {
    return metricsScope(this.cache, auth);
  }

  forAuth(auth: AuthContext, now = Date.now()): LiveMetrics {
    return this.forScope(this.scopeOf(auth), now);
  }

  forScope(scope: MetricsScope, now = Date.now()): LiveMetrics {
    return liveMetrics({ cache: this.cache, presence: (id) => this.presence.status(id), calendars: calendarLookup(this.policies.all()) }, scope, now);
  }
}
