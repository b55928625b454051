/**
 * Who says what in the advice: who issued it (name, role, network), to whom (addressee,
 * reference, date, subject), where the committee's reply goes, and the labels that keep what the
 * ballots measured apart from what the organisers conclude. The issuer enters these fields when
 * issuing a version (`IssueAdviceRequest.authorship`); a draft prints where they will go.
 */

export const AUTHORSHIP_LIMITS = {
  /** Characters of a name, role, reference. */
  lineMax: 120,
  /** Characters of the addressee, subject and postal address. */
  longLineMax: 300,
  /** Characters of an e-mail address. */
  emailMax: 254,
} as const;

/** Entered by the issuer when issuing a version; printed on the first page. */
export interface AdviceAuthorship {
  /** Who issues the advice, e.g. "Anna de Vries". */
  name: string;
  /** Their role in the network, e.g. "voorzitter". */
  role: string;
  /** To whom, e.g. "Adviescommissie Wijkaanpak, t.a.v. de voorzitter". */
  addressee: string;
  /** The reference the committee should quote (kenmerk), e.g. the tender's reference. */
  reference: string;
  /** What the letter is about, e.g. "Bewonersadvies aanbesteding Wijkaanpak". */
  subject: string;
  /** Where the committee's reply goes: an e-mail address. */
  replyEmail: string;
  /** A postal address for the reply as well, or empty. */
  replyAddress: string;
}

/** The fields in the order the issue form asks for them. */
export const AUTHORSHIP_FIELDS = ['name', 'role', 'addressee', 'reference', 'subject', 'replyEmail', 'replyAddress'] as const satisfies readonly (keyof AdviceAuthorship)[];

/** Fields that must not be empty (the postal address may be). */
export const AUTHORSHIP_REQUIRED = ['name', 'role', 'addressee', 'reference', 'subject', 'replyEmail'] as const satisfies readonly (keyof AdviceAuthorship)[];
