import { z } from 'zod';
import type { InboxConfig } from '../channel-adapter';

const Address = z.string().trim().toLowerCase().email('must be an email address such as support@acme.com').max(254);
const SmtpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((u) => {
    try {
      const url = new URL(u);
      return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && !!url.hostname;
    } catch {
      return false;
    }
  }, 'must look like smtp://user:password@smtp.example.com:587 (or smtps:// for TLS from the start)');

export const CreateEmailSettings = z.object({ address: Address, outboundSmtpUrl: SmtpUrl }).strict();
export const UpdateEmailSettings = z.object({ address: Address, outboundSmtpUrl: SmtpUrl }).partial().strict();

const EmailConfig = z.object({ address: Address, outboundSmtpUrl: SmtpUrl });
export type EmailConfig = z.infer<typeof EmailConfig>;

export const readEmailConfig = (config: InboxConfig): EmailConfig => EmailConfig.parse(config);
export const tryReadEmailConfig = (config: InboxConfig): EmailConfig | null => EmailConfig.safeParse(config).data ?? null;

/** Inboxes are found by this key when mail arrives; unique, so one address has one inbox. */
export const emailRoutingKey = (address: string) => `email:${address.trim().toLowerCase()}`;

/** What the settings page may show of the outbound server: never the password. */
export function smtpUrlHints(smtpUrl: string) {
  const url = new URL(smtpUrl);
  const password = decodeURIComponent(url.password);
  return {
    outboundSmtpHost: url.hostname,
    outboundSmtpPort: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    outboundSmtpSecure: url.protocol === 'smtps:',
    outboundSmtpUser: url.username ? decodeURIComponent(url.username) : null,
    outboundSmtpPasswordHint: password ? `${'•'.repeat(6)}${password.length > 8 ? password.slice(-2) : ''}` : null,
  };
}
