import QRCode from 'qrcode';

/** The dark modules of a QR code, row by row: what a layout draws. */
export interface QrMatrix {
  size: number;
  dark(row: number, col: number): boolean;
}

/**
 * Encodes `text` (a URL) as a QR code with medium error correction (15 %), enough for a poster that
 * gets a crease or a pin through a corner, while keeping modules large enough to scan from a phone
 * at arm's length.
 */
export function qrMatrix(text: string): QrMatrix {
  const code = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const { size, data } = code.modules;
  return { size, dark: (row, col) => data[row * size + col] === 1 };
}
