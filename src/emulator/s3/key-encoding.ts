/**
 * How S3 URL-encodes object keys in event records and in `encoding-type=url` listings: UTF-8
 * percent-encoding as in an HTML form (a space becomes `+`), with letters, digits, `-_.*` and the
 * `/` between key segments left as they are ("red flower.jpg" → "red+flower.jpg").
 */
import { utf8 } from '../zip.ts';

const KEPT = /[A-Za-z0-9\-_.*/]/;

export function urlEncodeKey(key: string): string {
  let out = '';
  for (const byte of utf8(key)) {
    const c = String.fromCharCode(byte);
    if (byte < 0x80 && KEPT.test(c)) out += c;
    else if (byte === 0x20) out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
