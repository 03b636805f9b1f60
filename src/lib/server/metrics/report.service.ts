import type { Report, ReportFilterOptions, ReportQuery } from '$lib/shared/schemas/metrics';
import type { ChannelKind } from '$lib/shared/schemas/common';
import type { AuthContext } from '../auth/auth-context';
import type { StatementCache } from '../db/statement-cache';
import { buildReport } from './report.queries';
import { metricsScope } from './metrics-scope';
import { calendarLookup } from './response-times';
import type { SlaPolicyService } from './sla-policy.service';

/** Reports for leads (their inboxes) and supervisors and admins (everything). */
export class ReportService {
  constructor(
    private readonly cache: StatementCache,
    private readonly policies: SlaPolicyService,
  ) {}

  build(auth: AuthContext, query: ReportQuery): Report {
    return buildReport(this.cache, calendarLookup(this.policies.all()), metricsScope(this.cache, auth), query);
  }

  /** Leads get their inboxes, their teams' agents and the teams they lead; others everything. */
  filterOptions(auth: AuthContext): ReportFilterOptions {
    const scope = metricsScope(this.cache, auth);
    const ids = (xs: number[]) => xs.map(() => '?').join(',') || 'NULL';
    const all = scope.kind === 'all';
    return {
      inboxes: this.cache
        .get<number[], { id: number; name: string; channel: ChannelKind }>(`SELECT id, name, channel FROM inboxes ${all ? '' : `WHERE id IN (${ids(scope.inboxIds)})`} ORDER BY name, id`)
        .all(...(all ? [] : scope.inboxIds)),
      agents: this.cache
        .get<number[], { id: number; name: string }>(`SELECT id, name FROM users WHERE disabled_at IS NULL ${all ? '' : `AND id IN (${ids(scope.agentIds)})`} ORDER BY name, id`)
        .all(...(all ? [] : scope.agentIds)),
      teams: this.cache
        .get<number[], { id: number; name: string }>(
          all ? 'SELECT id, name FROM teams ORDER BY name' : "SELECT t.id, t.name FROM teams t JOIN team_members l ON l.team_id = t.id AND l.role = 'lead' WHERE l.user_id = ? ORDER BY t.name",
        )
        .all(...(all ? [] : [auth.user.id])),
    };
  }
}
