/**
 * The installed app around the console: the service worker (registered with workbox-window),
 * the "Reload to update" offer, and persistent storage for drafts and the outbox.
 */
import { Workbox } from 'workbox-window';
import { dev } from '$app/environment';
import { goto } from '$app/navigation';
import { openUrlOf } from '$lib/client/sw/sw-messages';

const PERSIST_NOTICE_KEY = 'sb_persist_notice';

/** Fired on window before an update reloads the page, so open composers save at once. */
export const BEFORE_RELOAD_EVENT = 'sb:before-reload';

export class AppShell {
  /** A new version is installed and waits for the agent's go-ahead. */
  updateReady = $state(false);
  #wb: Workbox | null = null;
  #applying = false;

  register(): void {
    if (dev || !('serviceWorker' in navigator)) return;
    const wb = new Workbox('/service-worker.js');
    wb.addEventListener('waiting', () => (this.updateReady = true));
    // Reload only for an update the agent asked for, never on the first install.
    wb.addEventListener('controlling', (e) => {
      if (this.#applying || e.isUpdate) location.reload();
    });
    // The first visit was loaded before the worker existed: have it keep this page too.
    wb.addEventListener('activated', (e) => {
      if (!e.isUpdate) void wb.getSW().then((sw) => sw.postMessage({ type: 'CACHE_PAGE', url: location.pathname + location.search }));
    });
    wb.register().catch((err: unknown) => console.warn('[sw] registration failed', err));
    this.#wb = wb;
  }

  /** Goes where a clicked notification points when the worker asks this tab to; returns the undo. */
  followNotificationClicks(): () => void {
    if (!('serviceWorker' in navigator)) return () => {};
    const onMessage = (e: MessageEvent) => {
      const url = openUrlOf(e.data);
      if (url) void goto(url);
    };
    navigator.serviceWorker.addEventListener('message', onMessage);
    return () => navigator.serviceWorker.removeEventListener('message', onMessage);
  }

  /** Saves what is typed, then lets the waiting version take over; the page reloads when it does. */
  applyUpdate(): void {
    window.dispatchEvent(new Event(BEFORE_RELOAD_EVENT));
    this.#applying = true;
    if (this.#wb) this.#wb.messageSkipWaiting();
    else location.reload();
  }

  /** Whether the browser keeps our storage under pressure (null until asked). */
  storagePersistent = $state<boolean | null>(null);

  /** Asks the browser to keep drafts and the outbox even when space runs low. */
  async requestPersistence(): Promise<void> {
    try {
      this.storagePersistent = !!navigator.storage?.persist && ((await navigator.storage.persisted()) || (await navigator.storage.persist()));
    } catch {
      this.storagePersistent = false;
    }
  }

  /**
   * True once: the first time something is stored only in this browser (an offline reply) while
   * storage is not persistent, so the agent is told once, when it matters, not on every load.
   */
  shouldWarnStorage(): boolean {
    if (this.storagePersistent !== false) return false;
    try {
      if (localStorage.getItem(PERSIST_NOTICE_KEY)) return false;
      localStorage.setItem(PERSIST_NOTICE_KEY, String(Date.now()));
      return true;
    } catch {
      return false;
    }
  }
}
