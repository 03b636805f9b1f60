import net from 'node:net';
import nodemailer from 'nodemailer';

export interface SmtpAnswer {
  code: number;
  text: string;
}

/** Sends a raw RFC 5322 message to the listener over real SMTP; resolves with its final answer. */
export async function sendRawMail(port: number, envelope: { from: string; to: string[] }, raw: string | Buffer, opts: { requireTLS?: boolean } = {}): Promise<SmtpAnswer> {
  const tls = opts.requireTLS ? { requireTLS: true, tls: { rejectUnauthorized: false } } : { ignoreTLS: true };
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ...tls, connectionTimeout: 10_000, socketTimeout: 30_000 });
  try {
    const info = await transport.sendMail({ envelope, raw });
    return { code: 250, text: info.response };
  } catch (err) {
    const e = err as { responseCode?: number; response?: string; message: string };
    if (!e.responseCode) throw err;
    return { code: e.responseCode, text: e.response ?? e.message };
  } finally {
    transport.close();
  }
}

/**
 * A hand-driven SMTP dialogue over a socket (for what a polite client would not do, such as
 * sending more than the advertised SIZE): each command's reply code, in order. A function step
 * runs between commands (and has no reply).
 */
export async function smtpDialogue(port: number, steps: (string | Buffer | (() => void))[]): Promise<number[]> {
  const socket = net.connect(port, '127.0.0.1');
  let buffer = '';
  const replies: string[] = [];
  let waiting: (() => void) | null = null;
  socket.on('data', (d) => {
    buffer += d.toString('latin1');
    let m: RegExpExecArray | null;
    // A complete reply ends with a line "ddd text" (no hyphen after the code).
    while ((m = /^(\d{3}) .*\r\n/m.exec(buffer))) {
      const end = m.index + m[0].length;
      replies.push(buffer.slice(0, end));
      buffer = buffer.slice(end);
      waiting?.();
    }
  });
  const next = async () => {
    const deadline = Date.now() + 20_000;
    while (!replies.length) {
      if (Date.now() > deadline) throw new Error('no SMTP reply');
      await new Promise<void>((resolve) => {
        waiting = resolve;
        setTimeout(resolve, 200);
      });
    }
    return Number(/(\d{3}) [^\r\n]*\r\n$/.exec(replies.shift()!)![1]);
  };
  const codes = [await next()];
  for (const step of steps) {
    if (typeof step === 'function') {
      step();
      continue;
    }
    socket.write(step);
    codes.push(await next());
  }
  socket.end('QUIT\r\n');
  return codes;
}
