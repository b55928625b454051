import { paperCardState, type PaperEntryLike } from './paper';

/** A stored paper entry, as far as grouping and agreeing cards need it. */
export interface PaperCardEntry extends PaperEntryLike {
  id: string;
  bidderId: string;
  cardNumber: number;
  enteredAt: Date;
  withdrawnAt: Date | null;
}

/** Current (not withdrawn) entries grouped per card, oldest first. Query-free: used by the service, the registry and the verifier. */
export function entriesPerCard<E extends PaperCardEntry>(entries: readonly E[]): Map<string, E[]> {
  const cards = new Map<string, E[]>();
  const current = entries.filter((e) => e.withdrawnAt === null).sort((a, b) => a.enteredAt.getTime() - b.enteredAt.getTime() || (a.id < b.id ? -1 : 1));
  for (const e of current) {
    const key = `${e.bidderId}\n${e.cardNumber}`;
    cards.set(key, [...(cards.get(key) ?? []), e]);
  }
  return cards;
}

/** The paper cards that count: two current entries by different moderators that agree. */
export function agreedPaperCards(entries: readonly PaperCardEntry[]): { bidderId: string; cardNumber: number; grades: Record<string, number>; remark: string }[] {
  const agreed: { bidderId: string; cardNumber: number; grades: Record<string, number>; remark: string }[] = [];
  for (const card of entriesPerCard(entries).values()) {
    // The remark as the first moderator typed it (both agree up to spaces and letter case).
    if (paperCardState(card).status === 'agreed') agreed.push({ bidderId: card[0]!.bidderId, cardNumber: card[0]!.cardNumber, grades: card[0]!.grades, remark: card[0]!.remark.trim() });
  }
  return agreed.sort((a, b) => (a.bidderId < b.bidderId ? -1 : a.bidderId > b.bidderId ? 1 : a.cardNumber - b.cardNumber));
}
