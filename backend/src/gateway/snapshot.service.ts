import { Injectable } from '@nestjs/common';
import type { Snapshot } from '@buurtjury/shared';
import { JoinGate } from '../attendees/join-gate';
import { JoinWatchService } from '../attendees/join-watch.service';
import { MetaService } from '../meta/meta.service';
import { forScreen, LiveNotifier } from './live-notifier.service';
import { LiveError, LiveRegistry } from '../live/live-registry.service';
import type { SocketContext } from '../live/socket-context';

/** What each role sees when it (re)connects. Results appear only where the role may see them. */
@Injectable()
export class SnapshotService {
  constructor(
    private readonly registry: LiveRegistry,
    private readonly notifier: LiveNotifier,
    private readonly meta: MetaService,
    private readonly gate: JoinGate,
    private readonly watch: JoinWatchService,
  ) {}

  async snapshot(ctx: SocketContext): Promise<Snapshot> {
    const live = await this.registry.get(ctx.eveningId);
    const base = { programme: live.programme, state: live.liveState(), reveal: live.reveal() };
    const joinUrl = `${this.meta.publicUrl()}/j/${live.programme.joinCode}`;
    switch (ctx.role) {
      case 'attendee': {
        const gone = live.phoneRefusal(ctx.attendeeId, ctx.tokenHash);
        if (gone) throw new LiveError(gone);
        return { role: 'attendee', ...base, me: live.self(ctx.attendeeId) };
      }
      case 'host':
        return {
          role: 'host',
          ...base,
          tally: {
            ...this.notifier.tallyOf(live),
            joins: this.gate.stats(live.eveningId, live.attendees.size),
            joinWatch: await this.watch.watch(live.eveningId, live.programme.rules.accessMode === 'open'),
          },
          joinUrl,
        };
      case 'screen':
        return { role: 'screen', ...base, tally: forScreen(this.notifier.tallyOf(live), live.evening.liveResults), joinUrl };
    }
  }
}
