export type ToastKind = 'info' | 'success' | 'error' | 'assigned' | 'mention';

export interface Toast {
  id: number;
  kind: ToastKind;
  title: string;
  body?: string;
  href?: string;
  actionLabel?: string;
}

let next = 0;

/** Short notices in a polite live region; errors stay a little longer. */
export class Toasts {
  items = $state<Toast[]>([]);

  show(t: Omit<Toast, 'id'>, ms = t.kind === 'error' ? 8_000 : 5_000): number {
    const id = ++next;
    this.items = [...this.items.slice(-3), { ...t, id }];
    setTimeout(() => this.dismiss(id), ms);
    return id;
  }

  error(title: string, body?: string) {
    return this.show({ kind: 'error', title, body });
  }

  dismiss(id: number) {
    this.items = this.items.filter((t) => t.id !== id);
  }
}
