/**
 * The account of the procedure that the setup and the organisers record beside the live log:
 * declarations of interest of the organising network, its moderators and the venue (part of the
 * frozen setup), and incidents (recorded during or after the evening, until the advice is first
 * issued; every change is an entry in the audit trail).
 */

/** Whose interest: the organising resident network, one of its moderators, the venue. */
export const DECLARANT_ROLES = ['network', 'moderator', 'venue'] as const;
export type DeclarantRole = (typeof DECLARANT_ROLES)[number];

/** One declared interest: who, in which role, what the interest is, and what was done about it. */
export interface InterestDeclaration {
  who: string;
  role: DeclarantRole;
  interest: string;
  /** The measure taken (for example: "did not moderate the pitch of bidder B"). */
  measure: string;
}

/**
 * The declarations of an evening. A role is either listed in `noneDeclared` (asked, nothing to
 * declare), has items, or neither (not recorded: the document says so). A role cannot be both.
 */
export interface Declarations {
  items: InterestDeclaration[];
  noneDeclared: DeclarantRole[];
}

export const EMPTY_DECLARATIONS: Declarations = { items: [], noneDeclared: [] };

/** Whether anything was recorded (an evening without declarations keeps its setup fingerprint as it was). */
export function declarationsRecorded(d: Declarations): boolean {
  return d.items.length > 0 || d.noneDeclared.length > 0;
}

/** The declarations in a fixed order (roles in `DECLARANT_ROLES` order, items as entered within a role). */
export function normaliseDeclarations(d: Declarations): Declarations {
  const rank = (r: DeclarantRole) => DECLARANT_ROLES.indexOf(r);
  return {
    items: d.items
      .map((x, i) => ({ x, i }))
      .sort((a, b) => rank(a.x.role) - rank(b.x.role) || a.i - b.i)
      .map(({ x }) => ({ who: x.who.trim(), role: x.role, interest: x.interest.trim(), measure: x.measure.trim() })),
    noneDeclared: [...new Set(d.noneDeclared)].sort((a, b) => rank(a) - rank(b)),
  };
}

/** Roles that have items and are also marked "none declared" (a contradiction the setup refuses). */
export function contradictoryRoles(d: Declarations): DeclarantRole[] {
  const withItems = new Set(d.items.map((x) => x.role));
  return DECLARANT_ROLES.filter((r) => withItems.has(r) && d.noneDeclared.includes(r));
}

/** Something that happened during the evening that a reader of the advice should know. */
export interface Incident {
  id: string;
  /** When it happened: ISO 8601. */
  at: string;
  what: string;
  /** Its effect on the pitches or the scoring (may be "none"). */
  effect: string;
  /** What the organisers did about it. */
  measure: string;
  recordedBy: string;
  recordedAt: string;
  updatedAt: string;
}

/** What an organiser sends to record or change an incident. */
export interface IncidentRequest {
  at: string;
  what: string;
  effect: string;
  measure: string;
}

export const PROCEDURE_LIMITS = {
  declarationsMax: 30,
  whoMax: 120,
  interestMax: 1000,
  measureMax: 1000,
  incidentsMax: 100,
  incidentTextMax: 2000,
} as const;
