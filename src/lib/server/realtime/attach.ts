import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents } from '$lib/shared/realtime-events';
import type { SwitchboardApp } from '../app';
import type { AuthContext } from '../auth/auth-context';
import { authenticateHandshake, originAllowed } from './socket-auth';
import { roomsFor, sessionRoom, tokenRoom, userRoom } from './rooms';
import { FactFanout } from './fact-fanout';
import { registerCommands } from './commands';
import { WallboardPush } from '../metrics/wallboard-push';
import { registerWallboardCommand } from '../metrics/wallboard.command';
import { recheckViewing, registerViewing } from '../collab/viewing-commands';

export interface SocketData {
  auth: AuthContext;
}

export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Attaches Socket.IO to the HTTP server and fans the event log out to the right rooms (see FactFanout). */
export function attachRealtime(httpServer: HttpServer, app: SwitchboardApp): AppServer {
  const io: AppServer = new Server(httpServer, {
    serveClient: false,
    pingInterval: 20_000,
    pingTimeout: 20_000,
    maxHttpBufferSize: 1_000_000,
    // Leave other upgrade requests (Vite's HMR socket in dev) alone.
    destroyUpgrade: false,
    allowRequest: (req, done) => done(originAllowed(req, app.env.publicUrl) ? null : 'origin not allowed', originAllowed(req, app.env.publicUrl)),
  });

  io.use((socket, next) => {
    try {
      const auth = authenticateHandshake(app, socket.request, socket.handshake.auth ?? {});
      if (!auth) return next(new Error('unauthorized'));
      socket.data.auth = auth;
      next();
    } catch (err) {
      next(err instanceof Error ? err : new Error('unauthorized'));
    }
  });

  const wallboard = new WallboardPush(app.metrics.live, {
    size: (room) => io.sockets.adapter.rooms.get(room)?.size ?? 0,
    emit: (room, figures) => void io.to(room).emit('metrics.live', figures),
  });

  const nsp = io.of('/');
  const fanout = new FactFanout({
    room: (name) => nsp.adapter.rooms.get(name),
    all: () => nsp.sockets.keys(),
    // The payload's type follows from the event name; TypeScript cannot pair them through the union.
    emit: (ids, event, payload) => void (io.to(ids).emit as (ev: string, payload: unknown) => boolean)(event, payload),
  });

  io.on('connection', (socket) => {
    const { user } = socket.data.auth;
    void socket.join(roomsFor(socket.data.auth));
    app.presence.connected(user.id, user.name, socket.id);
    registerCommands(app, socket);
    registerWallboardCommand(app, socket, wallboard);
    registerViewing(app, socket);
    socket.on('disconnect', () => app.presence.disconnected(user.id, socket.id));
  });

  const unsubscribe = [
    wallboard.start(app.bus),
    app.bus.subscribe((e) => fanout.publish(e)),
    app.bus.onSignal('session.ended', ({ sessionId, tokenId, userId, reason }) => {
      const room = sessionId !== undefined ? sessionRoom(sessionId) : tokenId !== undefined ? tokenRoom(tokenId) : userId !== undefined ? userRoom(userId) : null;
      if (!room) return;
      io.to(room).emit('session.ended', { reason });
      io.in(room).disconnectSockets(true);
    }),
    app.bus.onSignal('access.changed', ({ userId }) => void refreshAccess(app, io, userId)),
  ];
  io.engine.on('close', () => unsubscribe.forEach((u) => u()));
  return io;
}

/** After a role or membership change, recompute every open socket's rooms from the database. */
async function refreshAccess(app: SwitchboardApp, io: AppServer, userId: number) {
  for (const socket of await io.in(userRoom(userId)).fetchSockets()) {
    const auth = app.auth.refresh(socket.data.auth);
    if (!auth) {
      socket.emit('session.ended', { reason: 'access_revoked' });
      socket.disconnect(true);
      continue;
    }
    socket.data.auth = auth;
    const wanted = new Set(roomsFor(auth));
    for (const room of socket.rooms) if (room !== socket.id && !wanted.has(room)) socket.leave(room);
    socket.join([...wanted]);
    recheckViewing(app, io.of('/'), socket.id, auth);
  }
  app.log.transact((events) => events.record('access.changed', { reason: 'access_changed' }, { userId }));
}
