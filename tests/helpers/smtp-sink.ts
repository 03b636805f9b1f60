import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface SunkMail {
  envelope: { from: string | null; to: string[] };
  raw: Buffer;
  parsed: ParsedMail;
  /** What the sink answered at the end of DATA. */
  answered: number;
}

/** The sink's answer to the next message: 250, or an SMTP error code and text. */
export type SinkAnswer = { code: 250 } | { code: number; message: string };

/**
 * A real SMTP server standing in for an inbox's outbound mail server: records every message it
 * is given (also those it refuses) and answers as told, e.g. 451 once then 250.
 */
export async function smtpSink() {
  const mails: SunkMail[] = [];
  const answers: SinkAnswer[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(_auth, _session, callback) {
      callback(null, { user: 'sink' });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks);
        const answer = answers.shift() ?? { code: 250 };
        mails.push({
          envelope: { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null, to: session.envelope.rcptTo.map((r) => r.address) },
          raw,
          parsed: await simpleParser(raw),
          answered: answer.code,
        });
        if (answer.code === 250) callback(null, 'queued');
        else callback(Object.assign(new Error('message' in answer ? answer.message : 'refused'), { responseCode: answer.code }));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    /** An outbound SMTP URL for an inbox (credentials are accepted, not checked). */
    url: `smtp://sink:sink-password-42@127.0.0.1:${port}`,
    mails,
    /** Answers for the next messages, in order; afterwards every message gets 250. */
    answerNext(...next: SinkAnswer[]) {
      answers.push(...next);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpSink = Awaited<ReturnType<typeof smtpSink>>;
