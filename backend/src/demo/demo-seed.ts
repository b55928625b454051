import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service';
import { OrganiserEntity } from '../infrastructure/database/schema/accounts';
import { EveningsService } from '../evenings/evenings.service';
import { SetupService } from '../evenings/setup.service';
import { DEMO_ACCOUNT, DEMO_AWARD, DEMO_BIDDERS, DEMO_CRITERIA, DEMO_EVENING } from './demo-data';

/**
 * Loads the demo network, organiser and evening through the same services the API uses, so the
 * demo obeys every rule. Does nothing when the demo account already exists.
 */
export async function seedDemo(app: INestApplication): Promise<{ email: string; password: string }> {
  const credentials = { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password };
  const dataSource = app.get<DataSource>(getDataSourceToken());
  if (await dataSource.manager.existsBy(OrganiserEntity, { email: DEMO_ACCOUNT.email })) return credentials;

  const accounts = app.get(AccountsService);
  const session = await accounts.signUp({ ...DEMO_ACCOUNT });
  const actor = {
    organiserId: session.organiser.id,
    networkId: session.network.id,
    role: session.organiser.role,
    displayName: session.organiser.displayName,
  };
  const evenings = app.get(EveningsService);
  const setup = app.get(SetupService);
  const evening = await evenings.create(actor, { ...DEMO_EVENING, tender: { ...DEMO_EVENING.tender } });
  for (const bidder of DEMO_BIDDERS) await setup.addBidder(actor, evening.id, { ...bidder });
  await setup.setAward(actor, evening.id, { ...DEMO_AWARD, criteria: DEMO_AWARD.criteria.map((c) => ({ ...c })) });
  for (const criterion of DEMO_CRITERIA) await setup.addCriterion(actor, evening.id, { ...criterion });
  return credentials;
}
