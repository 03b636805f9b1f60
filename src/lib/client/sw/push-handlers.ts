/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import type { PushPayload } from '$lib/shared/schemas/push';
import { appPath, type OpenUrlMessage } from './sw-messages';

/**
 * A push arrives encrypted for this browser only, but its content is still checked: the service
 * worker shows nothing it cannot read, and opens only paths on its own origin.
 */
export function readPush(data: PushMessageData | null): PushPayload | null {
  try {
    const p = data?.json() as Partial<PushPayload> | undefined;
    const url = appPath(p?.url);
    if (!p || typeof p.title !== 'string' || typeof p.body !== 'string' || !url) return null;
    const kind = p.kind === 'mention' || p.kind === 'incident' || p.kind === 'escalated' ? p.kind : 'assigned';
    const badge = typeof p.badge === 'number' && Number.isInteger(p.badge) && p.badge >= 0 ? p.badge : undefined;
    return { kind, title: p.title, body: p.body, url, tag: typeof p.tag === 'string' ? p.tag : url, badge };
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

/** A tab of the console (not an embedded chat widget or the public status page). */
function isConsoleWindow(sw: ServiceWorkerGlobalScope, w: WindowClient): boolean {
  const url = new URL(w.url);
  return url.origin === sw.location.origin && w.frameType === 'top-level' && !/^\/(widget|status)(\/|$)/.test(url.pathname);
}

/**
 * Focuses an open console and sends it to the conversation, or opens a new window there.
 * Focusing needs the click's permission to bring a window forward, which a browser may refuse;
 * the console is sent to the conversation either way. `navigate()` works only for pages this
 * worker controls, so any other console tab is asked to go there itself (OPEN_URL).
 */
export async function openFromNotification(sw: ServiceWorkerGlobalScope, notification: Notification): Promise<void> {
  const path = appPath((notification.data as { url?: unknown } | null)?.url) ?? '/inbox';
  const target = new URL(path, sw.location.origin).href;
  const windows = (await sw.clients.matchAll({ type: 'window', includeUncontrolled: true })).filter((w) => isConsoleWindow(sw, w));
  const open = windows.find((w) => w.focused) ?? windows.find((w) => w.visibilityState === 'visible') ?? windows[0];
  if (!open) {
    await sw.clients.openWindow(target);
    return;
  }
  await open.focus().catch(() => undefined);
  const navigated = await open.navigate(target).then(
    () => true,
    () => false,
  );
  if (!navigated) open.postMessage({ type: 'OPEN_URL', url: path } satisfies OpenUrlMessage);
}
