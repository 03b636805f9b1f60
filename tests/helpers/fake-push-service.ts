import http from 'node:http';
import https from 'node:https';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createECDH, createPublicKey, randomBytes, verify } from 'node:crypto';
import ece from 'http_ece';

export interface PushRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A self-signed certificate for 127.0.0.1; the server under test trusts it via NODE_EXTRA_CA_CERTS. */
function selfSignedCert() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-push-tls-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  return { key: fs.readFileSync(key), cert: fs.readFileSync(cert), certFile: cert };
}

/**
 * A stand-in for a browser vendor's push service (RFC 8030, over https as the real ones are)
 * plus the browser's side of each subscription: it holds the subscription's private key, so
 * tests can check the VAPID header (RFC 8292) and decrypt the aes128gcm body (RFC 8291)
 * exactly as a real browser would. Start the server with `env: { NODE_EXTRA_CA_CERTS: caFile }`.
 */
export async function fakePushService() {
  const tls = selfSignedCert();
  const requests: PushRequest[] = [];
  /** Status to answer per endpoint path (default 201). */
  const answers = new Map<string, number>();
  const srv = https.createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      requests.push({ path, headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(answers.get(path) ?? 201).end();
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const origin = `https://127.0.0.1:${(srv.address() as { port: number }).port}`;

  return {
    origin,
    caFile: tls.certFile,
    requests,
    answers,
    /** A new browser subscription on this service. */
    subscription(name: string) {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const authSecret = randomBytes(16);
      const path = `/push/${name}`;
      return {
        path,
        json: { endpoint: `${origin}${path}`, expirationTime: null, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: authSecret.toString('base64url') } },
        decrypt(body: Buffer): unknown {
          return JSON.parse(ece.decrypt(body, { version: 'aes128gcm', privateKey: ecdh, authSecret }).toString('utf8'));
        },
      };
    },
    close: () => new Promise<void>((r) => srv.close(() => r())),
  };
}

/** Checks a `vapid t=..., k=...` Authorization header; returns the JWT claims. */
export function verifyVapid(header: string | undefined, expectedKey: string): Record<string, unknown> {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!match) throw new Error(`not a VAPID authorization header: ${header}`);
  const [, jwt, key] = match;
  if (key !== expectedKey) throw new Error('the VAPID key is not the server’s public key');
  const point = Buffer.from(key, 'base64url');
  const publicKey = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33, 65).toString('base64url') },
    format: 'jwk',
  });
  const [head, claims, signature] = jwt.split('.');
  const header64 = JSON.parse(Buffer.from(head, 'base64url').toString());
  if (header64.alg !== 'ES256') throw new Error(`VAPID JWT must be ES256, got ${header64.alg}`);
  const ok = verify('sha256', Buffer.from(`${head}.${claims}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  if (!ok) throw new Error('the VAPID JWT signature does not verify');
  return JSON.parse(Buffer.from(claims, 'base64url').toString());
}
