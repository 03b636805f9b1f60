import type { SwitchboardApp } from '../app';

/** Fills a demo workspace (filled in by the demo seed work). */
export async function seedDemo(app: SwitchboardApp): Promise<void> {
  void app;
}
