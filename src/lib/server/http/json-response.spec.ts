import { json as kitJson } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { json } from './json-response';

describe('json response', () => {
  it('answers the body, status and headers kit’s json answers, multi-byte text included', async () => {
    const data = { items: [{ name: 'Zofia Łukasik', text: 'dotarło 🚚' }], nextCursor: null };
    for (const init of [undefined, { status: 201, headers: { 'x-extra': '1' } }]) {
      const ours = json(data, init);
      const kits = kitJson(data, init);
      expect(ours.status).toBe(kits.status);
      expect([...ours.headers]).toEqual([...kits.headers]);
      expect(await ours.text()).toBe(await kits.text());
    }
  });
});
