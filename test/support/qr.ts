// Reads a QR code back from a PNG, as a phone's camera reads the printed poster (jsqr + pngjs).
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

export function decodeQrPng(bytes: Uint8Array): { text: string; width: number } {
  const png = PNG.sync.read(Buffer.from(bytes));
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!code) throw new Error('no QR code found in the PNG');
  return { text: code.data, width: png.width };
}
