import nl from '../../frontend/src/locales/nl.json';
import en from '../../frontend/src/locales/en.json';
import { actorText } from '../../frontend/src/pages/audit/detail';

/** The locale's message at a dotted key, its {placeholders} filled (these messages have no plurals). */
function translator(messages: unknown) {
  return (id: string, options?: { values?: Record<string, string | number>; default?: string }): string => {
    const found = id.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), messages);
    const text = typeof found === 'string' ? found : (options?.default ?? id);
    return text.replace(/\{(\w+)\}/g, (_, key: string) => String(options?.values?.[key] ?? `{${key}}`));
  };
}

describe('who made an audit entry', () => {
  it('names an organiser with the role they have now, said as now: the trail does not keep the role they had then', () => {
    expect(actorText({ actor: 'Cora', actorRole: 'moderator' }, translator(nl))).toBe('Cora (nu moderator)');
    expect(actorText({ actor: 'Cora', actorRole: 'co-organiser' }, translator(en))).toBe('Cora (now co-organiser)');
    expect(actorText({ actor: 'Bram', actorRole: 'removed' }, translator(nl))).toBe('Bram (niet meer lid)');
    expect(actorText({ actor: 'system' }, translator(nl))).toBe(translator(nl)('auditActor.system'));
  });
});
