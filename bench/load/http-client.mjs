// A small keep-alive HTTP client for the load generators (node:http is cheaper per request than
// fetch, which leaves more of the generator's core for sending).
import http from 'node:http';

export function httpClient(maxSockets = 64) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  /** Resolves {status, body, headers} once the whole answer is read. */
  function request(url, { method = 'GET', headers = {}, body } = {}) {
    return new Promise((resolve, reject) => {
      const u = new URL(url);
      const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
      const req = http.request(
        { host: u.hostname, port: u.port, path: u.pathname + u.search, method, agent, headers: payload === undefined ? headers : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers } },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }
  return { request, close: () => agent.destroy() };
}
