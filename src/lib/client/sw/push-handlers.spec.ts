import { describe, expect, it, vi } from 'vitest';
import { openFromNotification, readPush, showPush } from './push-handlers';
import { openUrlOf } from './sw-messages';

const ORIGIN = 'https://sb.example';

function data(value: unknown): PushMessageData {
  return {
    json: () => {
      if (typeof value === 'string') return JSON.parse(value);
      return value;
    },
  } as PushMessageData;
}

const assigned = { kind: 'assigned', title: 'Assigned to you', body: 'Jens: Hej', url: '/conversations/7', tag: 'conversation-7' };

interface FakeWindow {
  url: string;
  frameType: FrameType;
  focused: boolean;
  visibilityState: DocumentVisibilityState;
  focus: ReturnType<typeof vi.fn>;
  navigate: ReturnType<typeof vi.fn>;
  postMessage: ReturnType<typeof vi.fn>;
}

function win(path: string, opts: Partial<FakeWindow> = {}): FakeWindow {
  return {
    url: `${ORIGIN}${path}`,
    frameType: 'top-level',
    focused: false,
    visibilityState: 'hidden',
    focus: vi.fn(async () => undefined),
    navigate: vi.fn(async () => null),
    postMessage: vi.fn(),
    ...opts,
  };
}

function worker(windows: FakeWindow[] = [], opts: { badge?: boolean } = {}) {
  const showNotification = vi.fn(async () => undefined);
  const setAppBadge = vi.fn(async () => undefined);
  const openWindow = vi.fn(async () => null);
  const sw = {
    location: { origin: ORIGIN },
    registration: { showNotification },
    navigator: opts.badge === false ? {} : { setAppBadge },
    clients: { matchAll: vi.fn(async () => windows), openWindow },
  } as unknown as ServiceWorkerGlobalScope;
  return { sw, showNotification, setAppBadge, openWindow };
}

const clicked = (url: unknown) => ({ data: { url } }) as unknown as Notification;

describe('reading a push', () => {
  it('reads a complete payload as sent by the server', () => {
    expect(readPush(data({ ...assigned, badge: 3 }))).toEqual({ ...assigned, badge: 3 });
  });

  it('shows nothing for an empty, unparsable or incomplete push', () => {
    expect(readPush(null)).toBeNull();
    expect(readPush(data('not json {'))).toBeNull();
    expect(readPush(data({ ...assigned, title: undefined }))).toBeNull();
    expect(readPush(data({ ...assigned, body: 42 }))).toBeNull();
  });

  it('refuses links that leave the app’s origin', () => {
    for (const url of ['https://evil.example/x', '//evil.example/x', '/\\evil.example/x', 'javascript:alert(1)', 'conversations/7']) {
      expect(readPush(data({ ...assigned, url }))).toBeNull();
    }
  });

  it('falls back to safe defaults for an unknown kind, a missing tag and a bad badge', () => {
    expect(readPush(data({ ...assigned, kind: 'weird', tag: undefined, badge: -1 }))).toEqual({ ...assigned, kind: 'assigned', tag: '/conversations/7', badge: undefined });
    expect(readPush(data({ ...assigned, badge: 1.5 }))?.badge).toBeUndefined();
  });
});

describe('showing a push', () => {
  it('shows the notification with its link and sets the app badge', async () => {
    const { sw, showNotification, setAppBadge } = worker();
    await showPush(sw, data({ ...assigned, badge: 4 }));
    expect(showNotification).toHaveBeenCalledWith('Assigned to you', expect.objectContaining({ body: 'Jens: Hej', tag: 'conversation-7', data: { url: '/conversations/7' }, requireInteraction: false }));
    expect(setAppBadge).toHaveBeenCalledWith(4);
  });

  it('keeps an incident on screen until it is dealt with', async () => {
    const { sw, showNotification } = worker();
    await showPush(sw, data({ ...assigned, kind: 'incident' }));
    expect(showNotification).toHaveBeenCalledWith('Assigned to you', expect.objectContaining({ requireInteraction: true }));
  });

  it('shows the notification where the browser has no app badge, and where setting it fails', async () => {
    const noBadge = worker([], { badge: false });
    await showPush(noBadge.sw, data({ ...assigned, badge: 2 }));
    expect(noBadge.showNotification).toHaveBeenCalledOnce();
    const failing = worker();
    failing.setAppBadge.mockRejectedValueOnce(new DOMException('no', 'NotAllowedError'));
    await expect(showPush(failing.sw, data({ ...assigned, badge: 2 }))).resolves.toBeUndefined();
  });

  it('shows nothing for a push it cannot read', async () => {
    const { sw, showNotification, setAppBadge } = worker();
    await showPush(sw, data({ title: 'x' }));
    expect(showNotification).not.toHaveBeenCalled();
    expect(setAppBadge).not.toHaveBeenCalled();
  });
});

describe('clicking a notification', () => {
  it('focuses the open console and sends it to the conversation', async () => {
    const tab = win('/inbox');
    const { sw, openWindow } = worker([tab]);
    await openFromNotification(sw, clicked('/conversations/7'));
    expect(tab.focus).toHaveBeenCalled();
    expect(tab.navigate).toHaveBeenCalledWith(`${ORIGIN}/conversations/7`);
    expect(tab.postMessage).not.toHaveBeenCalled();
    expect(openWindow).not.toHaveBeenCalled();
  });

  it('still sends the console there when the browser refuses to focus it', async () => {
    const tab = win('/inbox', { focus: vi.fn(async () => Promise.reject(new DOMException('Not allowed to focus a window.', 'InvalidAccessError'))) });
    const { sw } = worker([tab]);
    await openFromNotification(sw, clicked('/conversations/7'));
    expect(tab.navigate).toHaveBeenCalledWith(`${ORIGIN}/conversations/7`);
  });

  it('asks a tab it does not control to go there itself', async () => {
    const tab = win('/inbox', { navigate: vi.fn(async () => Promise.reject(new TypeError('not controlled'))) });
    const { sw } = worker([tab]);
    await openFromNotification(sw, clicked('/conversations/7'));
    expect(tab.postMessage).toHaveBeenCalledWith({ type: 'OPEN_URL', url: '/conversations/7' });
    expect(openUrlOf(tab.postMessage.mock.calls[0][0])).toBe('/conversations/7');
  });

  it('prefers the focused, then a visible console tab, and never a chat widget or the status page', async () => {
    const widget = win('/widget/3', { frameType: 'nested', focused: true });
    const status = win('/status', { visibilityState: 'visible' });
    const hidden = win('/inbox');
    const visible = win('/conversations/1', { visibilityState: 'visible' });
    const { sw } = worker([widget, status, hidden, visible]);
    await openFromNotification(sw, clicked('/conversations/7'));
    expect(visible.navigate).toHaveBeenCalled();
    for (const other of [widget, status, hidden]) expect(other.navigate).not.toHaveBeenCalled();
  });

  it('opens a new window when no console is open, and the inbox for a bad link', async () => {
    const { sw, openWindow } = worker([win('/widget/3', { frameType: 'nested' })]);
    await openFromNotification(sw, clicked('//evil.example/'));
    expect(openWindow).toHaveBeenCalledWith(`${ORIGIN}/inbox`);
  });
});

describe('the OPEN_URL message', () => {
  it('is followed only for paths on this origin', () => {
    expect(openUrlOf({ type: 'OPEN_URL', url: '/conversations/7' })).toBe('/conversations/7');
    expect(openUrlOf({ type: 'OPEN_URL', url: 'https://evil.example' })).toBeNull();
    expect(openUrlOf({ type: 'OPEN_URL', url: '/\\evil.example' })).toBeNull();
    expect(openUrlOf({ type: 'SKIP_WAITING' })).toBeNull();
    expect(openUrlOf('OPEN_URL')).toBeNull();
  });
});
