import type { Test } from 'supertest';
import { pdfContent } from './documents';

/** The binary body of a response (a PDF), whatever its content type. */
export function binary(req: Test): Test {
  return req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

/**
 * The ticket codes printed on a PDF of cards, by card number: the cards are the only place a code
 * appears, so tests read them the way a person would.
 */
export async function printedCodes(pdf: Buffer): Promise<Map<number, string>> {
  const text = (await pdfContent(pdf)).pages.join('\n');
  const codes = new Map<number, string>();
  for (const m of text.matchAll(/#(\d{3})[\s\S]*?([A-Z2-9]{5})-([A-Z2-9]{5})/g)) codes.set(Number(m[1]), `${m[2]}${m[3]}`);
  return codes;
}
