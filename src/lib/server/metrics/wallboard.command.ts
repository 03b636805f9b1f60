import { WallboardJoinCommand } from '$lib/shared/realtime-events';
import type { SwitchboardApp } from '../app';
import type { AppSocket } from '../realtime/attach';
import { command } from '../realtime/commands';
import { WallboardPush } from './wallboard-push';

/**
 * `wallboard:join`: leads and above join the room of their scope and get the figures at once.
 * A reconnecting wallboard simply joins again, which is also its resync.
 */
export function registerWallboardCommand(app: SwitchboardApp, socket: AppSocket, push: WallboardPush) {
  socket.on('wallboard:join', command(WallboardJoinCommand, () => {
    const scope = app.metrics.live.scopeOf(socket.data.auth);
    const room = WallboardPush.room(scope);
    for (const r of socket.rooms) if (r.startsWith('wallboard:') && r !== room) void socket.leave(r);
    void socket.join(room);
    return push.joined(scope);
  }));
}
