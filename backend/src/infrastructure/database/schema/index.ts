/**
 * The database schema: every TypeORM entity, one file per aggregate. Entities are plain table
 * mappings with no behaviour and import nothing from the features; each feature reads and writes
 * its own tables through its store or query class, and the writer and the migrations see them all.
 */
import { InvitationEntity, NetworkEntity, NetworkEventEntity, OrganiserEntity, SessionEntity } from './accounts';
import { AdviceDraftEntity, AdviceFileEntity, AdviceVersionEntity, CommitteeAccessEntity, CommitteeLinkEntity, KeptRemarkEntity } from './advice';
import { AttendeeEntity, ReleasedPhoneEntity, TieDeclarationEntity } from './attendees';
import { BallotEntity, LateBallotEntity } from './ballots';
import { BidderEntity, CriterionEntity, EveningEntity, LotDrawEntity, ScaleLevelEntity } from './evenings';
import { JoinWatchEntity } from './join-watch';
import { EveningLogEntity, LiveStateEntity, PitchStateEntity } from './live';
import { PaperEntryEntity } from './paper';
import { EveningPurgeEntity } from './privacy';
import { IncidentEntity } from './procedure';
import { TicketEntity } from './tickets';
import { SignupEntity, SignupPageEntity } from './signup';
import { BidderLinkEntity } from './bidder-portal';
import { QuestionEntity, QuestionSettingsEntity, QuestionVoteEntity } from './questions';

export * from './accounts';
export * from './advice';
export * from './attendees';
export * from './ballots';
export * from './evenings';
export * from './join-watch';
export * from './live';
export * from './paper';
export * from './privacy';
export * from './procedure';
export * from './tickets';
export * from './signup';
export * from './bidder-portal';
export * from './questions';

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
  AdviceDraftEntity,
  AdviceVersionEntity,
  AdviceFileEntity,
  CommitteeLinkEntity,
  CommitteeAccessEntity,
  TicketEntity,
  PaperEntryEntity,
  EveningPurgeEntity,
  NetworkEventEntity,
  ReleasedPhoneEntity,
  JoinWatchEntity,
  KeptRemarkEntity,
  LateBallotEntity,
  IncidentEntity,
  SignupPageEntity,
  SignupEntity,
  BidderLinkEntity,
  QuestionEntity,
  QuestionVoteEntity,
  QuestionSettingsEntity,
];
