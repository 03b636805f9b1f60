import type { CrisisSettings, IncidentStatus, Severity } from '$lib/shared/schemas/incident';

/** What happened to an incident, as the team chat is told. */
export type WebhookKind = 'declared' | 'updated' | 'resolved';

/** The incident as it was when the event happened (the job may run later). */
export interface WebhookIncident {
  id: number;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  /** The current customer-facing message. */
  message: string;
  components: string[];
}

const SEVERITY: Record<Severity, { label: string; emoji: string; color: string }> = {
  critical: { label: 'Critical', emoji: ':red_circle:', color: 'C0392B' },
  major: { label: 'Major', emoji: ':large_orange_circle:', color: 'E67E22' },
  minor: { label: 'Minor', emoji: ':large_yellow_circle:', color: 'F1C40F' },
};
const RESOLVED_COLOR = '27AE60';
const STATUS: Record<IncidentStatus, string> = { investigating: 'Investigating', identified: 'Identified', monitoring: 'Monitoring', resolved: 'Resolved' };

/** The headline, in the words of a team chat ("Incident declared", "Incident update: Identified"). */
export function headline(kind: WebhookKind, incident: WebhookIncident): string {
  if (kind === 'declared') return 'Incident declared';
  if (kind === 'resolved') return 'Incident resolved';
  return `Incident update: ${STATUS[incident.status]}`;
}

export const incidentUrl = (publicUrl: string, id: number) => `${publicUrl}/crisis/${id}`;
export const statusPageUrl = (publicUrl: string) => `${publicUrl}/status`;

/** Slack reads `&`, `<` and `>` as markup in text; these three must be escaped, nothing else. */
export const slackEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Teams renders a MessageCard's text as Markdown with some HTML: escape what could become a tag. */
const teamsEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A Slack incoming webhook message: `text` for notifications, `blocks` for the chat. */
export function slackPayload(kind: WebhookKind, incident: WebhookIncident, publicUrl: string) {
  const sev = SEVERITY[incident.severity];
  const head = headline(kind, incident);
  const incidentLink = incidentUrl(publicUrl, incident.id);
  const components = incident.components.length ? ` · Affects: ${incident.components.map(slackEscape).join(', ')}` : '';
  return {
    text: `${head} [${sev.label}]: ${slackEscape(incident.title)} — ${slackEscape(incident.message)}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: `${head}: ${incident.title}`.slice(0, 150), emoji: true } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `${kind === 'resolved' ? ':white_check_mark:' : sev.emoji} *${sev.label}* · ${STATUS[incident.status]}${components}` },
      },
      { type: 'section', text: { type: 'mrkdwn', text: slackEscape(incident.message).slice(0, 3000) } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `<${incidentLink}|Open incident #${incident.id} in Switchboard> · <${statusPageUrl(publicUrl)}|Public status page>` }] },
    ],
  };
}

/** A Microsoft Teams incoming webhook "MessageCard" (legacy actionable message card). */
export function teamsPayload(kind: WebhookKind, incident: WebhookIncident, publicUrl: string) {
  const sev = SEVERITY[incident.severity];
  const head = headline(kind, incident);
  return {
    '@type': 'MessageCard',
    '@context': 'https://schema.org/extensions',
    themeColor: kind === 'resolved' ? RESOLVED_COLOR : sev.color,
    summary: `${head}: ${incident.title}`,
    title: `${head}: ${teamsEscape(incident.title)}`,
    text: teamsEscape(incident.message),
    sections: [
      {
        facts: [
          { name: 'Severity', value: sev.label },
          { name: 'Status', value: STATUS[incident.status] },
          ...(incident.components.length ? [{ name: 'Affects', value: teamsEscape(incident.components.join(', ')) }] : []),
        ],
      },
    ],
    potentialAction: [
      { '@type': 'OpenUri', name: 'Open incident', targets: [{ os: 'default', uri: incidentUrl(publicUrl, incident.id) }] },
      { '@type': 'OpenUri', name: 'Status page', targets: [{ os: 'default', uri: statusPageUrl(publicUrl) }] },
    ],
  };
}

export function webhookPayload(format: CrisisSettings['webhookFormat'], kind: WebhookKind, incident: WebhookIncident, publicUrl: string) {
  return format === 'teams' ? teamsPayload(kind, incident, publicUrl) : slackPayload(kind, incident, publicUrl);
}
