/**
 * Secrets the server revealed when an inbox was created, handed from the create page to the
 * inbox page in memory only: never stored, gone on reload, read once.
 */
const pending = new Map<number, Record<string, string>>();

export function keepRevealed(inboxId: number, revealed: Record<string, string> | undefined): void {
  if (revealed && Object.keys(revealed).length) pending.set(inboxId, revealed);
}

export function takeRevealed(inboxId: number): Record<string, string> {
  const revealed = pending.get(inboxId) ?? {};
  pending.delete(inboxId);
  return revealed;
}
