/**
 * Labels known to this console. There is no labels endpoint yet, so the set is learnt from the
 * conversations this browser has seen and remembered in localStorage.
 */
const KEY = 'sb_labels';

export class LabelsState {
  items = $state.raw<string[]>([]);

  constructor() {
    try {
      const saved = JSON.parse(localStorage.getItem(KEY) ?? '[]');
      if (Array.isArray(saved)) this.items = saved.filter((x): x is string => typeof x === 'string').slice(0, 200);
    } catch {
      // start empty
    }
  }

  learn(labels: readonly string[]): void {
    const missing = [...new Set(labels)].filter((l) => !this.items.includes(l));
    if (!missing.length) return;
    this.items = [...this.items, ...missing].sort((a, b) => a.localeCompare(b)).slice(0, 200);
    try {
      localStorage.setItem(KEY, JSON.stringify(this.items));
    } catch {
      // memory only
    }
  }
}
