import PDFDocument from 'pdfkit';
import { FONT_FILES, type FontName } from './fonts.js';
import { qrMatrix } from './qr.js';

export type Doc = PDFKit.PDFDocument;

/** Paper sizes the print module offers, in PDF points (1/72 inch). */
export const PAPER = {
  A2: [1190.55, 1683.78],
  A3: [841.89, 1190.55],
  A4: [595.28, 841.89],
  A5: [419.53, 595.28],
} as const;
export type PaperSize = keyof typeof PAPER;

/** Millimetres to points. */
export const mm = (value: number) => (value * 72) / 25.4;

/** One palette for everything printed: dark blue headings, black text, a warm note colour. */
export const COLOURS = {
  text: '#1a1a1a',
  muted: '#4a4a4a',
  heading: '#0b4f9c',
  band: '#0b4f9c',
  bandText: '#ffffff',
  noteFill: '#fff4d6',
  noteEdge: '#d99a00',
  rule: '#c9d3e0',
} as const;

/**
 * A new PDF with the Vietnamese font registered under 'regular', 'semibold' and 'bold', document
 * information filled in (Vietnamese title, language vi-VN so screen readers pick the right voice),
 * and pages kept in memory so footers can be drawn once the page count is known.
 */
export function newDocument(o: { size: PaperSize; margin: number; title: string; author: string; subject?: string; createdAt?: Date }): Doc {
  const doc = new PDFDocument({
    size: [...PAPER[o.size]],
    margin: o.margin,
    bufferPages: true,
    autoFirstPage: true,
    lang: 'vi-VN',
    displayTitle: true,
    info: { Title: o.title, Author: o.author, Subject: o.subject ?? o.title, Creator: 'Trợ lý hành chính công xã', ...(o.createdAt ? { CreationDate: o.createdAt } : {}) },
  });
  for (const name of Object.keys(FONT_FILES) as FontName[]) doc.registerFont(name, FONT_FILES[name]);
  doc.font('regular').fillColor(COLOURS.text);
  return doc;
}

/** Ends the document and resolves with its bytes. */
export function finish(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/**
 * Draws a QR code as vector squares (sharp at any print size) with its quiet zone of four modules
 * in white, so a scanner finds it even on a coloured background. `size` includes the quiet zone.
 */
export function drawQr(doc: Doc, text: string, x: number, y: number, size: number): void {
  const qr = qrMatrix(text);
  const quiet = 4;
  const cell = size / (qr.size + 2 * quiet);
  doc.save();
  doc.rect(x, y, size, size).fill('#ffffff');
  doc.fillColor('#000000');
  for (let row = 0; row < qr.size; row++) {
    let col = 0;
    while (col < qr.size) {
      if (!qr.dark(row, col)) {
        col++;
        continue;
      }
      // One rectangle per horizontal run keeps the file small and avoids hairline gaps.
      const start = col;
      while (col < qr.size && qr.dark(row, col)) col++;
      doc.rect(x + (quiet + start) * cell, y + (quiet + row) * cell, (col - start) * cell, cell);
    }
  }
  doc.fill();
  doc.restore();
}

/**
 * Runs `draw` for each buffered page with the bottom margin lifted, so a footer in the margin does
 * not push text onto a new page.
 */
export function forEachPage(doc: Doc, draw: (index: number, count: number) => void): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    draw(i - range.start, range.count);
    doc.page.margins.bottom = bottom;
  }
}
