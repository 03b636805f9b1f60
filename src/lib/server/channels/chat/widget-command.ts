import type { z } from 'zod';
import type { WidgetAck } from '$lib/shared/widget-events';
import { AppError } from '../../errors';

/**
 * A widget command: the payload is checked with its schema and every outcome becomes an ack
 * (`{ok:false, error:{code,message}}` for bad input, refusals and failures); nothing throws.
 */
export function widgetCommand<S extends z.ZodType, T>(schema: S, handler: (input: z.output<S>) => T) {
  return (payload: unknown, ack?: (a: WidgetAck<T>) => void) => {
    const reply = typeof ack === 'function' ? ack : () => {};
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      return reply({ ok: false, error: { code: 'invalid_payload', message: parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ') } });
    }
    try {
      reply({ ok: true, data: handler(parsed.data) });
    } catch (err) {
      if (err instanceof AppError) return reply({ ok: false, error: { code: err.code, message: err.message } });
      console.error('[widget] command failed', err);
      reply({ ok: false, error: { code: 'internal', message: 'something went wrong' } });
    }
  };
}
