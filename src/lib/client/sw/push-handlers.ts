/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import type { PushPayload } from '$lib/shared/schemas/push';

/**
 * A push arrives encrypted for this browser only, but its content is still checked: the service
 * worker shows nothing it cannot read, and opens only paths on its own origin.
 */
export function readPush(data: PushMessageData | null): PushPayload | null {
  try {
    const p = data?.json() as Partial<PushPayload> | undefined;
    if (!p || typeof p.title !== 'string' || typeof p.body !== 'string' || typeof p.url !== 'string' || !p.url.startsWith('/') || p.url.startsWith('//')) return null;
    return { kind: p.kind ?? 'assigned', title: p.title, body: p.body, url: p.url, tag: typeof p.tag === 'string' ? p.tag : p.url, badge: typeof p.badge === 'number' ? p.badge : undefined };
  } catch {
    return null;
  }
}

export async function showPush(sw: ServiceWorkerGlobalScope, data: PushMessageData | null): Promise<void> {
  const push = readPush(data);
  if (!push) return;
  await sw.registration.showNotification(push.title, {
    body: push.body,
    tag: push.tag,
    icon: '/icons/icon-192.png',
    badge: '/icons/icon-192.png',
    data: { url: push.url },
    requireInteraction: push.kind === 'incident',
  });
  if (push.badge !== undefined && 'setAppBadge' in sw.navigator) await sw.navigator.setAppBadge(push.badge).catch(() => undefined);
}

/** Focuses an open console and sends it to the conversation, or opens a new window there. */
export async function openFromNotification(sw: ServiceWorkerGlobalScope, notification: Notification): Promise<void> {
  const path = (notification.data as { url?: string } | null)?.url ?? '/inbox';
  const target = new URL(path.startsWith('/') && !path.startsWith('//') ? path : '/inbox', sw.location.origin).href;
  const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((w) => new URL(w.url).origin === sw.location.origin);
  if (open) {
    await open.focus();
    await open.navigate(target).catch(() => open.postMessage({ type: 'OPEN_URL', url: path }));
    return;
  }
  await sw.clients.openWindow(target);
}
