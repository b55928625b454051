import { Injectable } from '@nestjs/common';
import { eveningKeepList, maskPossibleNames, maskRemark, type Language } from '@buurtjury/shared';
import { AccountsQuery } from '../accounts/accounts.query';
import { toEveningDetail } from '../evenings/evening.mapper';
import { EveningsQuery } from '../evenings/evenings.query';
import { IncidentEntity } from '../infrastructure/database/schema/procedure';
import { DomainEvents } from '../infrastructure/events/domain-events';

/**
 * Retention for the incidents: what the organisers wrote about the evening may name attendees, so
 * their texts keep only what remarks keep: addresses, numbers and every possible name masked
 * (the evening's own texts, such as the bidders' names, stay). Who recorded an incident is an
 * organiser of the network and stays.
 */
@Injectable()
export class IncidentsRetention {
  constructor(
    events: DomainEvents,
    private readonly evenings: EveningsQuery,
    private readonly accounts: AccountsQuery,
  ) {
    events.subscribe('retentionDue', async ({ evening, manager: m, tally }) => {
      const incidents = await m.findBy(IncidentEntity, { eveningId: evening.id });
      if (incidents.length === 0) return;
      const d = toEveningDetail(await this.evenings.rows(evening, m));
      const keep = eveningKeepList(d, await this.accounts.networkName(evening.networkId, m));
      const mask = (text: string, language: Language) => {
        const masked = maskRemark(text, language, keep);
        return maskPossibleNames(masked, masked.possibleNames.map((_, i) => i), language);
      };
      for (const incident of incidents) {
        const texts = { what: mask(incident.what, d.language), effect: mask(incident.effect, d.language), measure: mask(incident.measure, d.language) };
        if (texts.what === incident.what && texts.effect === incident.effect && texts.measure === incident.measure) continue;
        await m.update(IncidentEntity, { id: incident.id }, texts);
        tally.incidents++;
      }
    });
  }
}
