/**
 * Widget constants the frame needs at runtime, apart from the zod schemas in widget-events.ts so
 * the frame's bundle stays small (types from there are erased; values would pull in zod).
 */
export const WIDGET_NAMESPACE = '/widget';

/** Upload limits, shared by the widget (early refusal) and the server (the real check). */
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
export const UPLOAD_TYPES: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
};

/** What the loader may tell the frame; checked by hand in the frame (no zod there). */
export type HostMessage = { type: 'sb:open' } | { type: 'sb:closed' } | { type: 'sb:identity'; identity: { userId: string; email?: string; name?: string; userHash: string } | null };

export function readHostMessage(data: unknown): HostMessage | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  if (d.type === 'sb:open' || d.type === 'sb:closed') return { type: d.type };
  if (d.type !== 'sb:identity') return null;
  if (d.identity === null) return { type: 'sb:identity', identity: null };
  const i = d.identity as Record<string, unknown> | undefined;
  const str = (v: unknown, max: number) => typeof v === 'string' && v.length > 0 && v.length <= max;
  if (!i || typeof i !== 'object' || !str(i.userId, 200) || !str(i.userHash, 64)) return null;
  if ((i.email !== undefined && !str(i.email, 320)) || (i.name !== undefined && !str(i.name, 120))) return null;
  // The server checks the identity for real (schema and HMAC); this only keeps junk out.
  return { type: 'sb:identity', identity: { userId: i.userId as string, userHash: i.userHash as string, ...(i.email ? { email: i.email as string } : {}), ...(i.name ? { name: i.name as string } : {}) } };
}
