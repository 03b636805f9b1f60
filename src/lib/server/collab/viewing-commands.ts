import { ViewingCommand } from '$lib/shared/realtime-events';
import type { SwitchboardApp } from '../app';
import type { AppSocket } from '../realtime/attach';
import type { AuthContext } from '../auth/auth-context';
import { command } from '../realtime/commands';
import { inboxAudience } from '../realtime/rooms';
import type { ViewersChange } from './viewer.service';

/** Announces changed viewer lists to each conversation's inbox audience (the sender's other tabs too). */
export function announceViewers(nsp: AppSocket['nsp'], changes: ViewersChange[]) {
  for (const { conversationId, inboxId, viewers } of changes) {
    nsp.to(inboxAudience(inboxId)).emit('conversation.viewers', { conversationId, viewers });
  }
}

/**
 * `viewing:set`: the console opened a conversation (after the same access check as reading it)
 * or closed it. Viewing ends with the socket, so a reconnecting console announces itself again.
 */
export function registerViewing(app: SwitchboardApp, socket: AppSocket) {
  socket.on('viewing:set', command(ViewingCommand, ({ conversationId }) => {
    if (conversationId === null) {
      announceViewers(socket.nsp, app.viewers.leave(socket.id));
      return null;
    }
    const { inboxId } = app.conversations.visibleRow(socket.data.auth, conversationId);
    const { id: userId, name } = socket.data.auth.user;
    announceViewers(socket.nsp, app.viewers.view(socket.id, { conversationId, inboxId, userId, name }));
    return { conversationId, viewers: app.viewers.viewers(conversationId) };
  }));
  socket.on('disconnect', () => announceViewers(socket.nsp, app.viewers.leave(socket.id)));
}

/** After an access change: a socket that may no longer see the conversation it shows stops viewing it. */
export function recheckViewing(app: SwitchboardApp, nsp: AppSocket['nsp'], socketId: string, auth: AuthContext) {
  const viewing = app.viewers.viewingOf(socketId);
  if (!viewing) return;
  try {
    app.conversations.visibleRow(auth, viewing.conversationId);
  } catch {
    announceViewers(nsp, app.viewers.leave(socketId));
  }
}
