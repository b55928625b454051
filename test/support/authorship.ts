import type { AdviceAuthorship } from '@buurtjury/shared';

/** Who issues an advice in the tests, to whom, and where the reply goes (required when issuing). */
export const ISSUER: AdviceAuthorship = {
  name: 'Anna de Vries',
  role: 'voorzitter',
  addressee: 'Adviescommissie Wijkaanpak, t.a.v. de voorzitter',
  reference: 'AMF-2026-017',
  subject: 'Bewonersadvies aanbesteding Wijkaanpak',
  replyEmail: 'advies@bewonersnetwerk.example.nl',
  replyAddress: 'Postbus 100, 3800 AA Amersfoort',
};
