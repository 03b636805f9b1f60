import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Env } from '../../env';
import type { InboxRecord } from '../channel-adapter';
import type { EmailInbound } from './email-inbound.service';

type SmtpError = Error & { responseCode: number };

const smtpError = (code: number, message: string): SmtpError => Object.assign(new Error(message), { responseCode: code });

export interface SmtpListener {
  /** Starts listening; resolves with the port, or null when the port could not be opened. */
  listen(): Promise<number | null>;
  /** Stops accepting and lets transactions under way finish (briefly). */
  close(): Promise<void>;
}

/**
 * The inbound SMTP server: accepts mail for the addresses of email inboxes only (550 at RCPT TO
 * otherwise), refuses messages over SMTP_MAX_BYTES (SIZE advertised; the streamed bytes are
 * counted too) with 552, and answers 250 only after the message is stored; any failure before
 * that answers 451 so the sender tries again later.
 */
export function createSmtpListener(env: Env, inbound: EmailInbound): SmtpListener {
  const tls = env.SMTP_TLS_CERT && env.SMTP_TLS_KEY ? { cert: fs.readFileSync(env.SMTP_TLS_CERT), key: fs.readFileSync(env.SMTP_TLS_KEY) } : null;
  const max = env.SMTP_MAX_BYTES;

  const server = new SMTPServer({
    banner: 'Switchboard',
    size: max,
    authOptional: true,
    disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(tls ?? {}),
    logger: false,
    closeTimeout: 5_000,
    onRcptTo(address, _session, callback) {
      try {
        if (!inbound.inboxFor(address.address)) return callback(smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`));
        callback();
      } catch (err) {
        console.error('[smtp] recipient lookup failed', err);
        callback(smtpError(451, '4.3.0 temporary failure, try again later'));
      }
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= max) chunks.push(chunk);
      });
      stream.on('error', (err) => {
        console.error('[smtp] receiving failed', err);
        callback(smtpError(451, '4.3.0 temporary failure, try again later'));
      });
      stream.on('end', () => {
        if (stream.sizeExceeded || size > max) return callback(smtpError(552, `5.3.4 message exceeds the size limit of ${max} bytes`));
        void store(Buffer.concat(chunks), session).then(
          () => callback(null, '2.0.0 message stored'),
          (err) => {
            console.error('[smtp] storing a message failed', err);
            callback(smtpError(451, '4.3.0 temporary failure, try again later'));
          },
        );
      });
    },
  });
  server.on('error', (err) => console.error('[smtp]', err));

  async function store(raw: Buffer, session: SMTPServerSession) {
    const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address || null : null;
    const targets = new Map<number, { inbox: InboxRecord; rcptTo: string }>();
    for (const rcpt of session.envelope.rcptTo) {
      const inbox = inbound.inboxFor(rcpt.address);
      if (inbox && !targets.has(inbox.id)) targets.set(inbox.id, { inbox, rcptTo: rcpt.address.toLowerCase() });
    }
    for (const { inbox, rcptTo } of targets.values()) await inbound.accept(inbox, raw, { mailFrom, rcptTo });
  }

  let listening = false;
  return {
    listen() {
      return new Promise((resolve) => {
        const onError = (err: NodeJS.ErrnoException) => {
          // Without the listener the rest of the app still works; say so loudly instead of exiting.
          console.error(`[smtp] cannot listen on ${env.SMTP_HOST}:${env.SMTP_PORT} (${err.code ?? err.message}); inbound email is OFF`);
          resolve(null);
        };
        server.server.once('error', onError);
        server.listen(env.SMTP_PORT, env.SMTP_HOST, () => {
          server.server.off('error', onError);
          listening = true;
          resolve((server.server.address() as AddressInfo).port);
        });
      });
    },
    close() {
      if (!listening) return Promise.resolve();
      listening = false;
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
