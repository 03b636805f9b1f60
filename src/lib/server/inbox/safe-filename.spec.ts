import { describe, expect, it } from 'vitest';
import { attachmentDisposition, safeFilename } from './safe-filename';

describe('file names from senders', () => {
  it('drops directories, control and bidi characters and leading dots', () => {
    expect(safeFilename('../../etc/passwd')).toBe('passwd');
    expect(safeFilename('C:\\Users\\x\\Faktura.pdf')).toBe('Faktura.pdf');
    expect(safeFilename('a\u0000b\u202Egpj.exe')).toBe('abgpj.exe');
    expect(safeFilename('...hidden')).toBe('hidden');
    expect(safeFilename('  ')).toBe('attachment');
    expect(safeFilename(null)).toBe('attachment');
  });

  it('keeps Polish, Finnish and Danish letters and shortens long names keeping the extension', () => {
    expect(safeFilename('Zażółć gęślą jaźń äöå æøå.pdf')).toBe('Zażółć gęślą jaźń äöå æøå.pdf');
    const long = safeFilename(`${'x'.repeat(400)}.pdf`);
    expect(long).toHaveLength(150);
    expect(long.endsWith('.pdf')).toBe(true);
  });

  it('writes an attachment disposition with an ASCII fallback and the UTF-8 name (RFC 5987)', () => {
    expect(attachmentDisposition('Faktura łódź "1".pdf')).toBe(`attachment; filename="Faktura odz _1_.pdf"; filename*=UTF-8''Faktura%20%C5%82%C3%B3d%C5%BA%20%221%22.pdf`);
  });
});
