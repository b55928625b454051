import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { InvitationEntity, NetworkEntity, OrganiserEntity, SessionEntity } from '../accounts/entities';
import { BidderEntity, CriterionEntity, EveningEntity, LotDrawEntity, ScaleLevelEntity } from '../evenings/entities';
import { Foundation1763750000000 } from './migrations/1763750000000-Foundation';
import { LiveEvening1763760000000 } from './migrations/1763760000000-LiveEvening';
import { AttendeeEntity, TieDeclarationEntity } from '../attendees/entities';
import { BallotEntity } from '../ballots/entities';
import { EveningLogEntity, LiveStateEntity, PitchStateEntity } from '../live/entities';

export const ENTITIES = [
  NetworkEntity,
  OrganiserEntity,
  SessionEntity,
  InvitationEntity,
  EveningEntity,
  BidderEntity,
  CriterionEntity,
  ScaleLevelEntity,
  LotDrawEntity,
  LiveStateEntity,
  PitchStateEntity,
  EveningLogEntity,
  AttendeeEntity,
  TieDeclarationEntity,
  BallotEntity,
];

/** In order; TypeORM runs the ones not yet applied at boot. */
export const MIGRATIONS = [Foundation1763750000000, LiveEvening1763760000000];

/** The embedded default: one sqlite file, WAL on, schema from migrations (never `synchronize`). */
export function sqliteOptions(databasePath: string): DataSourceOptions {
  if (databasePath !== ':memory:') mkdirSync(dirname(databasePath), { recursive: true });
  return {
    type: 'sqlite',
    database: databasePath,
    enableWAL: true,
    busyTimeout: 5000,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error', 'warn', 'migration'],
  };
}
