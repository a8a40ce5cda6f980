// QR codes of start links, for print: a poster is read from a metre away, in bad light, after rain.
// Error correction Q (25 % of the symbol may be lost; the issue asks M or better), the quiet zone of 4
// modules the standard requires (ISO/IEC 18004), a PNG of at least 1,200 px (≈ 10 cm at 300 dpi) and
// an SVG that scales to any size.
import QRCode from 'qrcode';

const PRINT = { errorCorrectionLevel: 'Q', margin: 4 } as const;
const QR_PNG_WIDTH = 1200;

export const qrPng = (text: string): Promise<Buffer> =>
  QRCode.toBuffer(text, { ...PRINT, type: 'png', width: QR_PNG_WIDTH });

export const qrSvg = (text: string): Promise<string> => QRCode.toString(text, { ...PRINT, type: 'svg' });
