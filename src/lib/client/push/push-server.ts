import { api } from '$lib/client/api';
import type { PushDevice } from '$lib/shared/schemas/push';

/** The server's side of the opt-in: `/api/push/*` (a fake in the opt-in's tests). */
export interface PushServer {
  /** The VAPID public key to subscribe with. */
  key(): Promise<string>;
  /** Endpoints of the browsers that get my notifications. */
  endpoints(): Promise<string[]>;
  add(subscription: PushSubscriptionJSON): Promise<void>;
  remove(endpoint: string): Promise<void>;
}

export function pushServer(): PushServer {
  return {
    key: async () => (await api<{ publicKey: string }>('/api/push/key')).publicKey,
    endpoints: async () => (await api<{ items: PushDevice[] }>('/api/push/subscriptions')).items.map((d) => d.endpoint),
    add: async (subscription) => void (await api('/api/push/subscriptions', { method: 'POST', body: subscription })),
    remove: async (endpoint) => void (await api('/api/push/subscriptions', { method: 'DELETE', body: { endpoint } })),
  };
}
