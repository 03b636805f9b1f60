/**
 * This browser's side of Web Push: the notification permission and the push subscription of the
 * service worker's registration. The opt-in state gets it as a `PushBrowser`, so its logic is
 * tested against a fake.
 */

/** The parts of a `PushSubscription` the opt-in uses. */
export interface DeviceSubscription {
  readonly endpoint: string;
  readonly options: { readonly applicationServerKey: ArrayBuffer | null };
  toJSON(): PushSubscriptionJSON;
  unsubscribe(): Promise<boolean>;
}

export interface PushBrowser {
  /** False when this browser cannot get notifications while the app is closed. */
  readonly supported: boolean;
  permission(): NotificationPermission;
  /** Asks the person; call it straight from their click. */
  requestPermission(): Promise<NotificationPermission>;
  /** This browser's subscription, if it has one. */
  current(): Promise<DeviceSubscription | null>;
  subscribe(applicationServerKey: string): Promise<DeviceSubscription>;
}

/** Why turning notifications on stopped in the browser, for the message shown. */
export class PushSetupError extends Error {
  constructor(readonly reason: 'no_worker' | 'timeout') {
    super(reason === 'no_worker' ? 'the service worker is not running' : 'the browser’s push service did not answer');
    this.name = 'PushSetupError';
  }
}

/** How long the service worker may take to start, and the push service to answer. */
const WORKER_MS = 10_000;
const SUBSCRIBE_MS = 20_000;

function within<T>(promise: Promise<T>, ms: number, error: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(error()), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** A VAPID key as `pushManager.subscribe()` and `options.applicationServerKey` hold it. */
export function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** Whether a subscription was made with this server key (a new key needs a new subscription). */
export function sameKey(held: ArrayBuffer | null, base64url: string): boolean {
  if (!held) return false;
  const a = new Uint8Array(held);
  const b = keyBytes(base64url);
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export function browserPush(): PushBrowser {
  return {
    // Safari on iPhone and iPad has Web Push only in an app added to the Home Screen.
    supported: typeof window !== 'undefined' && window.isSecureContext && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window,
    permission: () => Notification.permission,
    requestPermission: () => Notification.requestPermission(),
    async current() {
      const registration = await navigator.serviceWorker.getRegistration();
      return registration ? registration.pushManager.getSubscription() : null;
    },
    async subscribe(applicationServerKey) {
      const registration = await within(navigator.serviceWorker.ready, WORKER_MS, () => new PushSetupError('no_worker'));
      // Browsers whose push service cannot be reached leave this pending rather than failing.
      return within(registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(applicationServerKey) }), SUBSCRIBE_MS, () => new PushSetupError('timeout'));
    },
  };
}
