import { Global, Module } from '@nestjs/common';
import { DomainEvents } from './domain-events';
import { LiveEvents } from './live-events';

/** The two event channels: domain events between features, and live events for the notifier. */
@Global()
@Module({ providers: [DomainEvents, LiveEvents], exports: [DomainEvents, LiveEvents] })
export class EventsModule {}
