/**
 * `json` of @sveltejs/kit, for the hot reads: the same body and headers, but the text is encoded
 * once. Kit's encodes it to count its bytes, and the Response encodes the string again when Node
 * writes it: for a 30 KB page of conversations that was a tenth of the request's time.
 */
export function json(data: unknown, init?: { status?: number; headers?: Record<string, string> }): Response {
  const body = Buffer.from(JSON.stringify(data));
  const headers = new Headers(init?.headers);
  if (!headers.has('content-length')) headers.set('content-length', String(body.byteLength));
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  return new Response(body, { status: init?.status, headers });
}
