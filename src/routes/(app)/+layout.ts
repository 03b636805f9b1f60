// The console is rendered in the browser only: its state (view, theme, drafts, socket) lives
// there, and a server-rendered shell would only show skeletons that hydration then replaces.
export const ssr = false;
