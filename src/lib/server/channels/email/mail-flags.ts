/**
 * Loop protection: mail written by a machine must never get an automatic answer (auto-replies,
 * crisis acknowledgements). RFC 3834 `Auto-Submitted` other than `no`, `Precedence`
 * bulk/list/junk, any `X-Loop`, the auto-responder headers of common servers, or a sender that
 * is a mailer daemon.
 */
export function isAutoSubmitted(header: (name: string) => string | null, fromAddress: string | null): boolean {
  const auto = header('auto-submitted')?.trim().toLowerCase();
  if (auto && !auto.startsWith('no')) return true;
  if (/^(bulk|list|junk)$/i.test(header('precedence')?.trim() ?? '')) return true;
  if (header('x-loop') !== null) return true;
  if (header('x-autoreply') !== null || header('x-autorespond') !== null) return true;
  return isDaemonAddress(fromAddress);
}

export const isDaemonAddress = (address: string | null) => /^(mailer-daemon|postmaster)@/i.test(address ?? '');

export interface Bounce {
  /** A permanent failure (5.x.x or no status); delay (4.x.x) and success (2.x.x) reports are not. */
  failed: boolean;
  /** Message-IDs (with brackets) named in the report: the message(s) that could not be delivered. */
  originalIds: string[];
  reason: string;
}

const MESSAGE_ID = /<[^<>\s@]+@[^<>\s]+>/g;

/**
 * A delivery status notification (RFC 3464 multipart/report; report-type=delivery-status), or
 * a non-standard bounce from a mailer daemon. The reason is the Status and Diagnostic-Code of
 * the report, or the start of the daemon's text.
 */
export function detectBounce(input: { contentType: string | null; fromAddress: string | null; raw: string; inReplyTo: string | null; text: string }): Bounce | null {
  const isReport = /multipart\/report/i.test(input.contentType ?? '') && /report-type\s*=\s*"?delivery-status/i.test(input.contentType ?? '');
  if (!isReport && !isDaemonAddress(input.fromAddress)) return null;
  const ids = new Set<string>();
  if (input.inReplyTo) ids.add(input.inReplyTo.trim());
  // Original-Message-ID / Message-ID lines of the returned headers; any other ids in the body.
  for (const m of input.raw.matchAll(MESSAGE_ID)) ids.add(m[0]);
  const status = /^Status:\s*([245]\.\d{1,3}\.\d{1,3})/im.exec(input.raw)?.[1];
  const diagnostic = /^Diagnostic-Code:\s*(?:[a-z-]+;\s*)?(.+(?:\r?\n[ \t]+.+)*)/im.exec(input.raw)?.[1]?.replace(/\s+/g, ' ').trim();
  const reason = [diagnostic, status ? `(status ${status})` : null].filter(Boolean).join(' ') || input.text.trim().split('\n').slice(0, 3).join(' ').slice(0, 300) || 'the message bounced';
  return { failed: !status || status.startsWith('5'), originalIds: [...ids], reason: `bounced: ${reason}`.slice(0, 500) };
}
