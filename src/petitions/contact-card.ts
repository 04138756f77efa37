import { deflateSync } from 'node:zlib';

/**
 * The picture of Zalo's "share your contact" card (request_user_info needs an image URL): a plain
 * banner in the commune's blue with a white band, drawn here so the app ships no binary asset.
 * Replace it with PETITION_CONTACT_IMAGE_URL for a designed one.
 */

const WIDTH = 480;
const HEIGHT = 240;

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function render(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(WIDTH, 0);
  header.writeUInt32BE(HEIGHT, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < HEIGHT; y++) {
    const row = Buffer.alloc(1 + WIDTH * 3);
    const band = y > HEIGHT * 0.42 && y < HEIGHT * 0.58;
    for (let x = 0; x < WIDTH; x++) {
      const [r, g, b] = band && x > WIDTH * 0.12 && x < WIDTH * 0.88 ? [255, 255, 255] : [0, 104, 255];
      row[1 + x * 3] = r;
      row[2 + x * 3] = g;
      row[3 + x * 3] = b;
    }
    rows.push(row);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

let png: Buffer | undefined;
/** The banner as PNG bytes (drawn once). */
export function contactCardPng(): Buffer {
  png ??= render();
  return png;
}

export const CONTACT_CARD_PATH = '/petitions/contact-card.png';
