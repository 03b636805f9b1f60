/**
 * What the service worker tells a console tab. `OPEN_URL`: a notification was clicked and the
 * worker could not navigate this tab itself (it does not control it), so the tab goes there.
 */
export interface OpenUrlMessage {
  type: 'OPEN_URL';
  url: string;
}

/** `value` if it is a path on this origin; never `//host` or `/\host`, which URLs read as another host. */
export function appPath(value: unknown): string | null {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : null;
}

/** The path to open, if `data` is an OPEN_URL message for a page of this app; null otherwise. */
export function openUrlOf(data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return null;
  const { type, url } = data as Partial<Record<keyof OpenUrlMessage, unknown>>;
  return type === 'OPEN_URL' ? appPath(url) : null;
}
