import type { ReplyWindow } from '../channel-adapter';

/**
 * WhatsApp's customer-service window: free-form messages may be sent only within 24 hours of
 * the customer's last message; after that only approved templates, which Switchboard does not
 * send yet. Measured from when we received the message, which is at most seconds late.
 */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

export function whatsAppWindow(lastIncomingAt: number | null, now: number): ReplyWindow {
  if (lastIncomingAt === null) return { open: false, closesAt: null };
  const closesAt = lastIncomingAt + WHATSAPP_WINDOW_MS;
  return { open: now < closesAt, closesAt };
}
