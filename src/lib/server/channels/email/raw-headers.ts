import { createHash } from 'node:crypto';

/**
 * The Message-ID of a raw message, read from its header block before any parsing, so that a
 * second delivery of the same message is recognised when it is stored. Without one, the
 * content's hash stands in.
 */
export function dedupKey(raw: Buffer): string {
  const end = raw.indexOf('\r\n\r\n');
  const headEnd = end >= 0 ? end : raw.indexOf('\n\n');
  const head = raw.subarray(0, headEnd >= 0 ? headEnd : Math.min(raw.length, 64 * 1024)).toString('latin1').replace(/\r?\n[ \t]+/g, ' ');
  const id = /^message-id:\s*(<[^<>\s]+>)/im.exec(head)?.[1];
  return id ? `mid:${id}` : `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}
