import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { SignupEntity, SignupPageEntity } from '../infrastructure/database/schema/signup';

/** The sign-up's own tables (signup_page, signup): no other feature reads or writes them. */
@Injectable()
export class SignupRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  page(eveningId: string, m: EntityManager = this.manager): Promise<SignupPageEntity | null> {
    return m.findOneBy(SignupPageEntity, { eveningId });
  }

  pageByCode(code: string, m: EntityManager = this.manager): Promise<SignupPageEntity | null> {
    return m.findOneBy(SignupPageEntity, { code });
  }

  savePage(m: EntityManager, page: SignupPageEntity): Promise<SignupPageEntity> {
    return m.save(SignupPageEntity, page);
  }

  /** Every sign-up of the evening in the order they came in. */
  signups(eveningId: string, m: EntityManager = this.manager): Promise<SignupEntity[]> {
    return m.find(SignupEntity, { where: { eveningId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  byTokenHash(tokenHash: string, m: EntityManager = this.manager): Promise<SignupEntity | null> {
    return m.findOneBy(SignupEntity, { tokenHash });
  }

  byId(eveningId: string, id: string, m: EntityManager = this.manager): Promise<SignupEntity | null> {
    return m.findOneBy(SignupEntity, { eveningId, id });
  }

  insert(m: EntityManager, row: SignupEntity): Promise<unknown> {
    return m.insert(SignupEntity, row);
  }

  update(m: EntityManager, id: string, change: Partial<Pick<SignupEntity, 'status' | 'cancelledAt' | 'arrivedAt'>>): Promise<unknown> {
    return m.update(SignupEntity, { id }, change);
  }

  /** The evenings that hold sign-ups (cancelled ones too). */
  async eveningsWithSignups(m: EntityManager = this.manager): Promise<string[]> {
    const rows = await m.createQueryBuilder(SignupEntity, 's').select('s.eveningId', 'eveningId').distinct(true).getRawMany<{ eveningId: string }>();
    return rows.map((r) => r.eveningId);
  }

  /** When the evening's last sign-up came in or was cancelled (ms), or null without sign-ups. */
  async lastActivity(eveningId: string, m: EntityManager = this.manager): Promise<number | null> {
    const rows = await this.signups(eveningId, m);
    if (rows.length === 0) return null;
    return Math.max(...rows.map((s) => Math.max(s.createdAt.getTime(), s.cancelledAt?.getTime() ?? 0)));
  }

  /** Retention: the evening's sign-ups (names, addresses) go; its page stays. Returns how many. */
  async deleteSignups(m: EntityManager, eveningId: string): Promise<number> {
    const result = await m.createQueryBuilder().delete().from(SignupEntity).where('eveningId = :eveningId', { eveningId }).execute();
    return result.affected ?? 0;
  }
}
