/**
 * "Notifications on this device": whether this browser gets the signed-in agent's background
 * notifications, and turning that on and off. A browser holds one push subscription per site,
 * so on a shared device it must never keep delivering a previous user's notifications: a
 * subscription the server does not list as mine is dropped, and logging out drops it too.
 */
import * as m from '$lib/paraglide/messages';
import { ApiError, errorMessage } from '$lib/client/api';
import { browserPush, PushSetupError, sameKey, type DeviceSubscription, type PushBrowser } from '$lib/client/push/push-browser';
import { pushServer, type PushServer } from '$lib/client/push/push-server';

export type PushOptInStatus = 'checking' | 'unsupported' | 'blocked' | 'off' | 'on';

/** How long logging out waits for the browser and the server before leaving anyway. */
const FORGET_MS = 3_000;

export class PushOptIn {
  status = $state<PushOptInStatus>('checking');
  busy = $state(false);
  error = $state<string | null>(null);

  constructor(
    private readonly browser: PushBrowser = browserPush(),
    private readonly server: PushServer = pushServer(),
  ) {}

  /** Finds out the state; drops a subscription that delivers someone else's notifications. */
  async load(): Promise<void> {
    if (this.busy) return;
    if (!this.browser.supported) return void (this.status = 'unsupported');
    const permission = this.browser.permission();
    if (permission === 'denied') return void (this.status = 'blocked');
    let sub: DeviceSubscription | null;
    try {
      sub = await this.browser.current();
    } catch {
      sub = null;
    }
    if (!sub || permission !== 'granted') return void (this.status = 'off');
    let mine: string[];
    try {
      mine = await this.server.endpoints();
    } catch {
      // Offline: the browser's subscription is the best guess until the server can be asked.
      return void (this.status = 'on');
    }
    if (mine.includes(sub.endpoint)) return void (this.status = 'on');
    // Another user's, or one the push service reported gone: either way not mine.
    await sub.unsubscribe().catch(() => false);
    this.status = 'off';
  }

  /** Asks for permission (call from the click), subscribes this browser and registers it. */
  async turnOn(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      let permission = this.browser.permission();
      if (permission === 'default') permission = await this.browser.requestPermission();
      if (permission === 'denied') return void (this.status = 'blocked');
      if (permission !== 'granted') {
        this.status = 'off';
        this.error = m.push_error_dismissed();
        return;
      }
      const key = await this.server.key();
      let sub = await this.browser.current();
      if (sub && !sameKey(sub.options.applicationServerKey, key)) {
        // Made for another server key (the server's keys were reset): it cannot be used.
        await sub.unsubscribe();
        sub = null;
      }
      sub ??= await this.browser.subscribe(key);
      try {
        await this.server.add(sub.toJSON());
      } catch (err) {
        // Not registered means off: keep no subscription that nobody sends to.
        await sub.unsubscribe().catch(() => false);
        throw err;
      }
      this.status = 'on';
    } catch (err) {
      if (err instanceof DOMException && err.name === 'NotAllowedError') {
        this.status = 'blocked';
      } else {
        this.status = 'off';
        this.error = turnOnError(err);
      }
    } finally {
      this.busy = false;
    }
  }

  async turnOff(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      await this.#forget(true);
      this.status = 'off';
    } catch (err) {
      this.error = m.push_error_off({ message: errorMessage(err) });
    } finally {
      this.busy = false;
    }
  }

  /**
   * Before logging out: this browser stops getting my notifications. `withServer` false when the
   * session is already gone; the push service then reports the endpoint gone and the server
   * forgets it on the next notification. Never throws, never takes long.
   */
  async forgetDevice(withServer: boolean): Promise<void> {
    if (!this.browser.supported) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, FORGET_MS)));
    await Promise.race([this.#forget(withServer).catch(() => undefined), late]).finally(() => clearTimeout(timer));
    this.status = 'off';
  }

  async #forget(withServer: boolean): Promise<void> {
    const sub = await this.browser.current();
    if (!sub) return;
    // The server first, while the endpoint is still known; a failure there is no reason to keep
    // the subscription, since without it the push service refuses whatever the server sends.
    if (withServer) await this.server.remove(sub.endpoint).catch(() => undefined);
    await sub.unsubscribe();
  }
}

function turnOnError(err: unknown): string {
  if (err instanceof PushSetupError) return err.reason === 'timeout' ? m.push_error_timeout() : m.push_error_no_worker();
  if (err instanceof ApiError && err.code === 'invalid_push_endpoint') return m.push_error_endpoint();
  return m.push_error_on({ message: errorMessage(err) });
}
