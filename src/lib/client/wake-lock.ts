/**
 * Keeps the screen on while a page is visible (Screen Wake Lock API, where the browser has it).
 * The browser drops the lock whenever the page is hidden, so it is asked for again each time the
 * page becomes visible. Returns the function that lets the screen sleep again.
 */
export function keepScreenAwake(): () => void {
  if (typeof navigator === 'undefined' || !('wakeLock' in navigator)) return () => {};
  let lock: WakeLockSentinel | null = null;
  let stopped = false;
  const acquire = async () => {
    if (stopped || document.visibilityState !== 'visible' || (lock && !lock.released)) return;
    try {
      lock = await navigator.wakeLock.request('screen');
    } catch {
      // Refused (battery saver, no user gesture yet): the wallboard works without it.
    }
  };
  const onVisibility = () => void acquire();
  document.addEventListener('visibilitychange', onVisibility);
  void acquire();
  return () => {
    stopped = true;
    document.removeEventListener('visibilitychange', onVisibility);
    void lock?.release().catch(() => {});
  };
}
