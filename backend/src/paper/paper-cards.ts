import { paperCardState } from '@buurtjury/shared';
import type { PaperEntryEntity } from '../infrastructure/database/schema/paper';

/** Current (not withdrawn) entries grouped per card, oldest first. Query-free: used by the service, the registry and the verifier. */
export function entriesPerCard(entries: readonly PaperEntryEntity[]): Map<string, PaperEntryEntity[]> {
  const cards = new Map<string, PaperEntryEntity[]>();
  const current = entries.filter((e) => e.withdrawnAt === null).sort((a, b) => a.enteredAt.getTime() - b.enteredAt.getTime() || (a.id < b.id ? -1 : 1));
  for (const e of current) {
    const key = `${e.bidderId}\n${e.cardNumber}`;
    cards.set(key, [...(cards.get(key) ?? []), e]);
  }
  return cards;
}

/** The paper cards that count: two current entries by different moderators that agree. */
export function agreedPaperCards(entries: readonly PaperEntryEntity[]): { bidderId: string; cardNumber: number; grades: Record<string, number> }[] {
  const agreed: { bidderId: string; cardNumber: number; grades: Record<string, number> }[] = [];
  for (const card of entriesPerCard(entries).values()) {
    if (paperCardState(card).status === 'agreed') agreed.push({ bidderId: card[0]!.bidderId, cardNumber: card[0]!.cardNumber, grades: card[0]!.grades });
  }
  return agreed.sort((a, b) => (a.bidderId < b.bidderId ? -1 : a.bidderId > b.bidderId ? 1 : a.cardNumber - b.cardNumber));
}
