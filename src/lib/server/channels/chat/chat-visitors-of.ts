import type { SwitchboardApp } from '../../app';
import { ChatVisitors } from './chat-visitors';

const cache = new WeakMap<SwitchboardApp, ChatVisitors>();

/** The app's visitor store (stateless over the database; one per app for reuse). */
export function chatVisitorsOf(app: SwitchboardApp): ChatVisitors {
  let v = cache.get(app);
  if (!v) cache.set(app, (v = new ChatVisitors(app.db)));
  return v;
}
