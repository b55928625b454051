/**
 * An audit entry's details as a person reads them: each field with its label in the interface's
 * language, bidders and criteria by name (resolved against the evening's programme), hashes and
 * row ids shortened (the full value stays in the title), yes/no, views and access modes in words.
 * An unknown field (a newer entry type) shows its key and raw value, so nothing is hidden.
 */
import type { AuditEntryView } from '@buurtjury/shared';

type Translate = (id: string, options?: { values?: Record<string, string | number>; default?: string }) => string;

export interface DetailPart {
  key: string;
  label: string;
  value: string;
  /** The full value where `value` is shortened (hashes, row ids). */
  full?: string;
  mono?: boolean;
}

export interface DetailContext {
  t: Translate;
  bidderName: (id: string) => string | undefined;
  criterionName: (id: string) => string | undefined;
}

/** Fields holding a SHA-256 (or a digest of one): shown by their first 12 hex digits. */
const HASHES = new Set(['ballotHash', 'entryHash', 'documentSha256', 'recordSha256', 'resultsSha256', 'frameFingerprint', 'fingerprint', 'ballotsDigest', 'paperDigest']);
/** Fields holding a random row id: shown by their first 8 characters. */
const ROW_IDS = new Set(['ballotId', 'entryId']);
/** The evening's details whose change is logged with `<field>.before` and `<field>.after`. */
const CHANGE = /^(\w+)\.(before|after)$/;

function fieldName(ctx: DetailContext, field: string): string {
  return ctx.t(`auditDetail.field.${field}`, { default: field });
}

function plain(ctx: DetailContext, value: string | number | boolean | null): string {
  if (value === null || value === '') return '–';
  if (typeof value === 'boolean') return ctx.t(value ? 'auditDetail.yes' : 'auditDetail.no');
  return String(value);
}

function part(ctx: DetailContext, key: string, value: string | number | boolean | null): DetailPart {
  const label = ctx.t(`auditDetail.key.${key}`, { default: key });
  const text = typeof value === 'string' ? value : '';
  const change = CHANGE.exec(key);
  if (change) {
    const [, field, when] = change as unknown as [string, string, 'before' | 'after'];
    const shown = field === 'language' && (text === 'nl' || text === 'en') ? ctx.t(`language.${text}`) : plain(ctx, value);
    return { key, label: ctx.t(`auditDetail.${when}`, { values: { field: fieldName(ctx, field) } }), value: shown };
  }
  switch (key) {
    case 'bidderId':
      return { key, label, value: ctx.bidderName(text) ?? ctx.t('auditDetail.unknown', { values: { id: text.slice(0, 8) } }), full: text };
    case 'criterionId':
      return { key, label, value: ctx.criterionName(text) ?? ctx.t('auditDetail.unknown', { values: { id: text.slice(0, 8) } }), full: text };
    case 'view':
      return { key, label, value: ctx.t(`host.view.${text}`, { default: text }) };
    case 'on':
      return { key, label, value: ctx.t(value ? 'auditDetail.shown' : 'auditDetail.hidden') };
    case 'accessMode':
      return { key, label, value: ctx.t(`rules.mode.${text}`, { default: text }) };
    case 'autoCloseMinutes':
      return { key, label, value: value === null ? ctx.t('auditDetail.noAutoClose') : ctx.t('auditDetail.minutes', { values: { count: Number(value) } }) };
    case 'fields':
      return { key, label, value: text ? text.split(',').map((f) => fieldName(ctx, f)).join(', ') : '–' };
    case 'oldPhone':
      return { key, label, value: ctx.t(`auditDetail.oldPhoneValue.${text}`, { default: text }) };
  }
  if (HASHES.has(key) && text) return { key, label, value: `${text.slice(0, 12)}…`, full: text, mono: true };
  if (ROW_IDS.has(key) && text) return { key, label, value: text.slice(0, 8), full: text, mono: true };
  return { key, label, value: plain(ctx, value) };
}

/** The entry's details, in the order the server wrote them. */
export function detailParts(detail: AuditEntryView['detail'], ctx: DetailContext): DetailPart[] {
  return Object.entries(detail).map(([key, value]) => part(ctx, key, value));
}

/**
 * Who made the entry: an organiser's name with their role in the network now (the trail does not
 * keep the role they had then, so it says "now"), or the system, an attendee or the committee in words.
 */
export function actorText(entry: Pick<AuditEntryView, 'actor' | 'actorRole'>, t: Translate): string {
  if (entry.actorRole) {
    if (entry.actorRole === 'removed') return `${entry.actor} (${t('auditDetail.removedMember').toLowerCase()})`;
    return `${entry.actor} (${t('auditDetail.roleNow', { values: { role: t(`role.${entry.actorRole}`).toLowerCase() } })})`;
  }
  return t(`auditActor.${entry.actor}`, { default: entry.actor });
}
