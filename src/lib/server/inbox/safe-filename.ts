const MAX_LENGTH = 150;

/**
 * A file name from a sender or an uploader, made harmless for storage and for the
 * Content-Disposition header: no directories, no control or reserved characters, no leading
 * dots, at most 150 characters (the extension kept).
 */
export function safeFilename(name: string | null | undefined, fallback = 'attachment'): string {
  const base = (name ?? '').normalize('NFC').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  let clean = base.replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();
  clean = clean.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (!clean) return fallback;
  if (clean.length <= MAX_LENGTH) return clean;
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 && clean.length - dot <= 16 ? clean.slice(dot) : '';
  return clean.slice(0, MAX_LENGTH - ext.length) + ext;
}

/** `Content-Disposition: attachment` with an ASCII fallback and the RFC 5987 `filename*`. */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\%;]/g, '_').trim() || 'attachment';
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
