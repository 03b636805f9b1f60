/**
 * The number on the installed app's icon (Badging API), where the browser has one. Browsers
 * without it, or that refuse (not installed, a policy), simply show no number.
 */
export function showAppBadge(count: number): void {
  if (typeof navigator === 'undefined' || !('setAppBadge' in navigator)) return;
  const done = count > 0 ? navigator.setAppBadge(count) : navigator.clearAppBadge();
  done.catch(() => undefined);
}
