import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { unauthenticated } from '../platform/common/app-error';
import type { Actor } from './actor';
import { AccountsService } from './accounts.service';
import { TOKEN_PATTERN } from './tokens';

type AuthedRequest = Request & { actor?: Actor; bearerToken?: string };

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/.exec(header ?? '');
  return match && TOKEN_PATTERN.test(match[1]!) ? match[1]! : null;
}

/** Requires `Authorization: Bearer <token>` of a live session and puts the organiser on the request. */
@Injectable()
export class OrganiserGuard implements CanActivate {
  constructor(private readonly accounts: AccountsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const token = bearerToken(req.headers.authorization);
    if (!token) throw unauthenticated('Log in first: this needs an organiser account.');
    const actor = await this.accounts.authenticate(token);
    if (!actor) throw unauthenticated('Your session has ended. Log in again.');
    req.actor = actor;
    req.bearerToken = token;
    return true;
  }
}

/** The organiser established by OrganiserGuard. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<AuthedRequest>().actor;
  if (!actor) throw unauthenticated();
  return actor;
});

export const CurrentToken = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const token = ctx.switchToHttp().getRequest<AuthedRequest>().bearerToken;
  if (!token) throw unauthenticated();
  return token;
});
