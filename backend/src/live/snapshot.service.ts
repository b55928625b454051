import { Injectable } from '@nestjs/common';
import type { Snapshot } from '@buurtjury/shared';
import { JoinWatchService } from '../attendees/join-watch.service';
import { MetaService } from '../meta/meta.service';
import { forScreen, LiveNotifier } from './live-notifier.service';
import { LiveRegistry } from './live-registry.service';
import type { SocketContext } from './socket-context';

/** What each role sees when it (re)connects. Results appear only where the role may see them. */
@Injectable()
export class SnapshotService {
  constructor(
    private readonly registry: LiveRegistry,
    private readonly notifier: LiveNotifier,
    private readonly meta: MetaService,
    private readonly watch: JoinWatchService,
  ) {}

  async snapshot(ctx: SocketContext): Promise<Snapshot> {
    const live = await this.registry.get(ctx.eveningId);
    const base = { programme: live.programme, state: live.liveState(), reveal: live.reveal() };
    const joinUrl = `${this.meta.publicUrl()}/j/${live.programme.joinCode}`;
    const connected = this.notifier.attendeesConnected(live.eveningId);
    switch (ctx.role) {
      case 'attendee':
        return { role: 'attendee', ...base, me: live.self(ctx.attendeeId) };
      case 'host':
        return { role: 'host', ...base, tally: { ...live.tally(connected), joinWatch: await this.watch.watch(live.eveningId, live.programme.rules.accessMode === 'open') }, joinUrl };
      case 'screen':
        return { role: 'screen', ...base, tally: forScreen(live.tally(connected), live.evening.liveResults), joinUrl };
    }
  }
}
