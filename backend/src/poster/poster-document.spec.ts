import { formatFingerprint, seedCommitment, type EveningDetail } from '@buurtjury/shared';
import { sampleEvening } from '@buurtjury/shared/testing';
import type { Content } from 'pdfmake/interfaces';
import { renderPdf } from '../pdf/pdf-renderer';
import { posterDocument } from './poster-document';

/** Every text on the poster, in order. */
function texts(content: Content[]): string[] {
  return content.flatMap((c) => (typeof c === 'object' && c !== null && 'text' in c && typeof c.text === 'string' ? [c.text] : []));
}

function pages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
}

describe('the poster', () => {
  const base = sampleEvening({ bidders: 6, criteria: 5, voters: 3 }).input.evening;
  const hash = seedCommitment('dobbelsteen 4-1-6-2-2-5');
  const committed: EveningDetail = {
    ...base,
    fingerprint: 'ab'.repeat(32),
    drawCommitment: { scheme: 'sha256-commit-reveal-v1', hash, committedAt: '2026-11-02T18:05:00.000Z', committedBy: 'Anna de Vries', contributions: [] },
  };

  it('prints the commitment to the draw\'s seed, in full and in the evening\'s language, while one is open', () => {
    const nl = texts(posterDocument(committed, 'https://jury.example.nl').content as Content[]);
    expect(nl).toContain(formatFingerprint(hash));
    expect(nl.find((t) => t.startsWith('Loting van de volgorde'))).toContain('2 november 2026 om 19:05');
    const en = texts(posterDocument({ ...committed, language: 'en' }, 'https://jury.example.nl').content as Content[]);
    expect(en.find((t) => t.startsWith('Draw of the running order'))).toContain('2 November 2026');
  });

  it('prints no commitment when none is open', () => {
    const plain = texts(posterDocument({ ...committed, drawCommitment: null }, 'https://jury.example.nl').content as Content[]);
    expect(plain.join('\n')).not.toMatch(/Loting van de volgorde|SHA-256/);
  });

  it('stays on one A4 page with the commitment and a long title', async () => {
    const pdf = await renderPdf(posterDocument({ ...committed, title: 'Idols-avond wijkprogramma Eemhoven-Noord en de Schans, tweede ronde' }, 'https://jury.example.nl'));
    expect(pages(pdf)).toBe(1);
  });
});
