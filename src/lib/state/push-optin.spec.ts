import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '$lib/client/api';
import { keyBytes, PushSetupError, type DeviceSubscription, type PushBrowser } from '$lib/client/push/push-browser';
import type { PushServer } from '$lib/client/push/push-server';
import * as m from '$lib/paraglide/messages';
import { PushOptIn } from './push-optin.svelte';

const serverKey = (seed: number) => Buffer.from(Uint8Array.from({ length: 65 }, (_, i) => (i === 0 ? 4 : (i * seed) % 256))).toString('base64url');
const KEY = serverKey(7);

class FakeSubscription implements DeviceSubscription {
  readonly options: { applicationServerKey: ArrayBuffer };
  constructor(
    readonly endpoint: string,
    key: string,
    private readonly browser: FakeBrowser,
  ) {
    this.options = { applicationServerKey: keyBytes(key).buffer };
  }
  toJSON(): PushSubscriptionJSON {
    return { endpoint: this.endpoint, expirationTime: null, keys: { p256dh: 'BPublicKeyOfThisBrowser', auth: 'authSecret' } };
  }
  async unsubscribe(): Promise<boolean> {
    if (this.browser.unsubscribeFails) throw new DOMException('the push service is unavailable', 'AbortError');
    if (this.browser.sub === this) this.browser.sub = null;
    return true;
  }
}

/** A browser: its notification permission, what the person answers, and its one subscription. */
class FakeBrowser implements PushBrowser {
  supported = true;
  perm: NotificationPermission = 'default';
  answer: NotificationPermission = 'granted';
  sub: FakeSubscription | null = null;
  subscribeError: Error | null = null;
  unsubscribeFails = false;
  asked = 0;
  subscribedWith: string[] = [];
  #n = 0;
  permission() {
    return this.perm;
  }
  async requestPermission() {
    this.asked++;
    return (this.perm = this.answer);
  }
  async current() {
    return this.sub;
  }
  async subscribe(key: string) {
    if (this.subscribeError) throw this.subscribeError;
    this.subscribedWith.push(key);
    this.sub = new FakeSubscription(`https://push.example/send/${++this.#n}`, key, this);
    return this.sub;
  }
}

/** `/api/push/*` for the signed-in user; `others` are endpoints registered for other users. */
class FakeServer implements PushServer {
  publicKey = KEY;
  mine = new Set<string>();
  others = new Set<string>();
  offline = false;
  refuse: Error | null = null;
  async key() {
    return this.publicKey;
  }
  #network() {
    if (this.offline) throw new ApiError(0, 'network', 'Failed to fetch');
  }
  async endpoints() {
    this.#network();
    return [...this.mine];
  }
  async add(sub: PushSubscriptionJSON) {
    this.#network();
    if (this.refuse) throw this.refuse;
    this.others.delete(sub.endpoint!);
    this.mine.add(sub.endpoint!);
  }
  async remove(endpoint: string) {
    this.#network();
    this.mine.delete(endpoint);
  }
}

function setup() {
  const browser = new FakeBrowser();
  const server = new FakeServer();
  return { browser, server, push: new PushOptIn(browser, server) };
}

afterEach(() => vi.useRealTimers());

describe('notifications on this device', () => {
  it('says a browser without Web Push is unsupported, and never asks for permission', async () => {
    const { browser, push } = setup();
    browser.supported = false;
    await push.load();
    expect(push.status).toBe('unsupported');
    expect(browser.asked).toBe(0);
  });

  it('says notifications are blocked when the browser denies them for the site', async () => {
    const { browser, push } = setup();
    browser.perm = 'denied';
    await push.load();
    expect(push.status).toBe('blocked');
  });

  it('is off with no subscription; turning on asks, subscribes with the server key and registers the endpoint', async () => {
    const { browser, server, push } = setup();
    await push.load();
    expect(push.status).toBe('off');
    await push.turnOn();
    expect(browser.asked).toBe(1);
    expect(browser.subscribedWith).toEqual([KEY]);
    expect([...server.mine]).toEqual([browser.sub!.endpoint]);
    expect(push.status).toBe('on');
    expect(push.error).toBeNull();
    expect(push.busy).toBe(false);
  });

  it('is on when the server lists this browser’s subscription as mine', async () => {
    const { browser, server, push } = setup();
    browser.perm = 'granted';
    browser.sub = new FakeSubscription('https://push.example/send/a', KEY, browser);
    server.mine.add('https://push.example/send/a');
    await push.load();
    expect(push.status).toBe('on');
    expect(browser.sub).not.toBeNull();
  });

  it('drops a subscription that delivers someone else’s notifications on a shared device', async () => {
    const { browser, server, push } = setup();
    browser.perm = 'granted';
    browser.sub = new FakeSubscription('https://push.example/send/a', KEY, browser);
    server.others.add('https://push.example/send/a');
    await push.load();
    expect(push.status).toBe('off');
    expect(browser.sub).toBeNull();
  });

  it('trusts the browser’s subscription while the server cannot be reached', async () => {
    const { browser, server, push } = setup();
    browser.perm = 'granted';
    browser.sub = new FakeSubscription('https://push.example/send/a', KEY, browser);
    server.offline = true;
    await push.load();
    expect(push.status).toBe('on');
    expect(browser.sub).not.toBeNull();
  });

  it('stays off with a message when the prompt is dismissed, and is blocked when it is denied', async () => {
    const { browser, push } = setup();
    await push.load();
    browser.answer = 'default';
    await push.turnOn();
    expect(push.status).toBe('off');
    expect(push.error).toBe(m.push_error_dismissed());
    browser.answer = 'denied';
    await push.turnOn();
    expect(push.status).toBe('blocked');
    expect(browser.sub).toBeNull();
  });

  it('does not ask again once notifications are allowed', async () => {
    const { browser, push } = setup();
    browser.perm = 'granted';
    await push.turnOn();
    expect(browser.asked).toBe(0);
    expect(push.status).toBe('on');
  });

  it('replaces a subscription made with another server key, and reuses one made with this key', async () => {
    const { browser, server, push } = setup();
    browser.perm = 'granted';
    const old = new FakeSubscription('https://push.example/send/old', serverKey(3), browser);
    browser.sub = old;
    await push.turnOn();
    expect(browser.sub).not.toBe(old);
    expect([...server.mine]).toEqual([browser.sub!.endpoint]);

    const current = new FakeSubscription('https://push.example/send/current', KEY, browser);
    browser.sub = current;
    server.mine.clear();
    await push.turnOn();
    expect(browser.sub).toBe(current);
    expect(browser.subscribedWith).toHaveLength(1);
    expect([...server.mine]).toEqual(['https://push.example/send/current']);
  });

  it('explains the server’s refusal of a non-https endpoint and keeps no unregistered subscription', async () => {
    const { browser, server, push } = setup();
    browser.perm = 'granted';
    server.refuse = new ApiError(400, 'invalid_push_endpoint', 'a push endpoint must be an https URL');
    await push.turnOn();
    expect(push.status).toBe('off');
    expect(push.error).toBe(m.push_error_endpoint());
    expect(browser.sub).toBeNull();
  });

  it('says so when the browser’s push service does not answer, or the worker is not running', async () => {
    const { browser, push } = setup();
    browser.perm = 'granted';
    await push.load();
    browser.subscribeError = new PushSetupError('timeout');
    await push.turnOn();
    expect(push.error).toBe(m.push_error_timeout());
    browser.subscribeError = new PushSetupError('no_worker');
    await push.turnOn();
    expect(push.error).toBe(m.push_error_no_worker());
    expect(push.status).toBe('off');
  });

  it('treats a subscription refused by the browser as blocked, and shows any other failure with its reason', async () => {
    const { browser, server, push } = setup();
    browser.perm = 'granted';
    browser.subscribeError = new DOMException('Registration failed - permission denied', 'NotAllowedError');
    await push.turnOn();
    expect(push.status).toBe('blocked');
    browser.subscribeError = null;
    server.offline = true;
    await push.turnOn();
    expect(push.error).toBe(m.push_error_on({ message: 'Failed to fetch' }));
  });

  it('turning off removes the endpoint on the server and unsubscribes the browser', async () => {
    const { browser, server, push } = setup();
    browser.perm = 'granted';
    await push.turnOn();
    await push.turnOff();
    expect(push.status).toBe('off');
    expect(server.mine.size).toBe(0);
    expect(browser.sub).toBeNull();
  });

  it('turning off offline still unsubscribes the browser, which stops the notifications', async () => {
    const { browser, server, push } = setup();
    browser.perm = 'granted';
    await push.turnOn();
    server.offline = true;
    await push.turnOff();
    expect(push.status).toBe('off');
    expect(push.error).toBeNull();
    expect(browser.sub).toBeNull();
  });

  it('stays on and says why when the browser cannot unsubscribe', async () => {
    const { browser, push } = setup();
    browser.perm = 'granted';
    await push.turnOn();
    browser.unsubscribeFails = true;
    await push.turnOff();
    expect(push.status).toBe('on');
    expect(push.error).toBe(m.push_error_off({ message: 'the push service is unavailable' }));
  });

  it('forgets the device at logout on the server and in the browser', async () => {
    const { browser, server, push } = setup();
    browser.perm = 'granted';
    await push.turnOn();
    await push.forgetDevice(true);
    expect(server.mine.size).toBe(0);
    expect(browser.sub).toBeNull();
    expect(push.status).toBe('off');
  });

  it('forgetting the device never throws and never holds up leaving for long', async () => {
    vi.useFakeTimers();
    const { browser, push } = setup();
    browser.current = () => new Promise(() => {});
    let done = false;
    void push.forgetDevice(true).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(2_900);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(done).toBe(true);

    const broken = setup();
    broken.browser.perm = 'granted';
    await broken.push.turnOn();
    broken.browser.unsubscribeFails = true;
    await expect(broken.push.forgetDevice(false)).resolves.toBeUndefined();
  });
});
