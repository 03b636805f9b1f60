import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '$lib/shared/realtime-events';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** One Socket.IO connection to the same origin, authenticated by the session cookie. */
export function createSocket(): AppSocket {
  return io({
    withCredentials: true,
    transports: ['websocket', 'polling'],
    autoConnect: false,
    reconnection: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 8_000,
    randomizationFactor: 0.4,
  });
}
