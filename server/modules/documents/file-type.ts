import path from 'node:path';
import { documentFileTypes, type DocumentFileType } from '../../../core/contracts/documents';

// What a file is, told from its first bytes; what its name and declared type say must agree.

const PDF = Buffer.from('%PDF-', 'ascii');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);

export function detectFileType(bytes: Buffer): DocumentFileType | null {
  const starts = (sig: Buffer) => bytes.length >= sig.length && bytes.subarray(0, sig.length).equals(sig);
  if (starts(PDF)) return 'pdf';
  if (starts(PNG)) return 'png';
  if (starts(JPEG)) return 'jpeg';
  return null;
}

/** Declared media types that say nothing about the content (a client that did not know). */
const GENERIC_MIME = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/x-download']);
const MIME_ALIASES: Record<DocumentFileType, string[]> = {
  pdf: ['application/pdf', 'application/x-pdf'],
  png: ['image/png', 'image/x-png'],
  jpeg: ['image/jpeg', 'image/jpg', 'image/pjpeg'],
};

export const extensionOf = (fileName: string) => path.extname(fileName).toLowerCase();

/**
 * Whether the name's extension and the declared media type agree with the detected type.
 * A name without an extension does not agree: it must say what the file is.
 */
export function declaredAgrees(detected: DocumentFileType, fileName: string, mimeType: string | undefined): boolean {
  const ext = extensionOf(fileName);
  if (!(documentFileTypes[detected].extensions as readonly string[]).includes(ext)) return false;
  const mime = (mimeType ?? '').split(';')[0]!.trim().toLowerCase();
  return GENERIC_MIME.has(mime) || MIME_ALIASES[detected].includes(mime);
}

/** What the name and declared type claim, for the error message: ".pdf (application/pdf)". */
export function declaredLabel(fileName: string, mimeType: string | undefined): string {
  const ext = extensionOf(fileName) || '—';
  const mime = (mimeType ?? '').split(';')[0]!.trim();
  return mime && !GENERIC_MIME.has(mime.toLowerCase()) ? `${ext} (${mime})` : ext;
}

/** A file name safe to keep and to send back: no directories, no control characters, bounded. */
export function cleanFileName(fileName: string, detected: DocumentFileType): string {
  let name = fileName
    .replace(/^.*[\\/]/, '')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  if (name.length > 200) {
    const ext = extensionOf(name);
    name = name.slice(0, 200 - ext.length) + ext;
  }
  return name || `document${documentFileTypes[detected].extensions[0]}`;
}

/** `Content-Disposition: inline` with the UTF-8 name (RFC 6266 / 8187) and an ASCII fallback. */
export function inlineDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `inline; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
