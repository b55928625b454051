import { Global, Module } from '@nestjs/common';
import { ClusterNotices } from './cluster-notices';
import { DomainEvents } from './domain-events';
import { LiveEvents } from './live-events';

/** The event channels: domain events between features, live events for the notifier, and live events between nodes. */
@Global()
@Module({ providers: [DomainEvents, LiveEvents, ClusterNotices], exports: [DomainEvents, LiveEvents, ClusterNotices] })
export class EventsModule {}
