import http from 'node:http';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface FakeAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * A local stand-in for a provider's HTTP API: records every request and answers as `answer`
 * says, or with the next scripted answer (`answerNext`), e.g. one 429 before the real answer.
 */
export async function fakeHttpApi(answer: (req: RecordedRequest) => FakeAnswer) {
  const requests: RecordedRequest[] = [];
  const scripted: FakeAnswer[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      requests.push(recorded);
      const a = scripted.shift() ?? answer(recorded);
      res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers }).end(JSON.stringify(a.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answerNext: (a: FakeAnswer) => scripted.push(a),
    /** Requests whose path matches, in order. */
    to: (path: string | RegExp) => requests.filter((r) => (typeof path === 'string' ? r.path === path : path.test(r.path))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeHttpApi = Awaited<ReturnType<typeof fakeHttpApi>>;

/** Polls until `check` returns a value (not undefined / false), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
