import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';

export interface SessionEventMap {
  /** These organiser sessions ended (log-out, ended from another device, password changed, member removed): close their connections. */
  ended: [sessionIds: string[]];
}

/** Tells the live layer which sessions ended, so every open connection of such a session is closed at once. */
@Injectable()
export class SessionEvents extends EventEmitter<SessionEventMap> {}
