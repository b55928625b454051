import { Body, Controller, HttpCode, Ip, Param, ParseUUIDPipe, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type {
  CreatedInvitationResponse,
  EndedSessionsResponse,
  InvitationPreview,
  InvitationView,
  MemberView,
  MeResponse,
  NetworkEventView,
  SessionResponse,
  SessionsResponse,
} from '@buurtjury/shared';
import { RateLimit } from '../platform/common/rate-limit';
import type { Actor } from './actor';
import { AccountsService } from './accounts.service';
import { CurrentActor, CurrentToken, OrganiserGuard } from './auth.guard';
import { ChangePasswordDto, CreateInvitationDto, LoginDto, SignUpDto, UpdateMemberDto } from './dto/accounts.dto';
import { NetworkService } from './network.service';
import { ROUTES } from '@buurtjury/shared';
import { Endpoint } from '../platform/common/endpoint';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly accounts: AccountsService) {}

  @Endpoint(ROUTES.signUp)
  @RateLimit('signup')
  signUp(@Body() dto: SignUpDto): Promise<SessionResponse> {
    return this.accounts.signUp(dto);
  }

  @Endpoint(ROUTES.login)
  @HttpCode(200)
  @RateLimit('login')
  logIn(@Body() dto: LoginDto, @Ip() address: string): Promise<SessionResponse> {
    return this.accounts.logIn(dto, address);
  }

  @Endpoint(ROUTES.logout)
  @HttpCode(204)
  @ApiBearerAuth()
  @UseGuards(OrganiserGuard)
  logOut(@CurrentToken() token: string): Promise<void> {
    return this.accounts.logOut(token);
  }

  @Endpoint(ROUTES.me)
  @ApiBearerAuth()
  @UseGuards(OrganiserGuard)
  me(@CurrentActor() actor: Actor): Promise<MeResponse> {
    return this.accounts.me(actor);
  }

  /** Checks the current password, sets the new one and ends every other session of this account. */
  @Endpoint(ROUTES.changePassword)
  @HttpCode(200)
  @ApiBearerAuth()
  @UseGuards(OrganiserGuard)
  @RateLimit('login')
  changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto, @Ip() address: string): Promise<EndedSessionsResponse> {
    return this.accounts.changePassword(actor, dto, address);
  }

  /** The account's sessions that have not expired; `current` marks the one of this request. */
  @Endpoint(ROUTES.sessions)
  @ApiBearerAuth()
  @UseGuards(OrganiserGuard)
  sessions(@CurrentActor() actor: Actor): Promise<SessionsResponse> {
    return this.accounts.listSessions(actor);
  }

  /** Ends every other session of this account; their open connections close at once. */
  @Endpoint(ROUTES.endOtherSessions)
  @HttpCode(200)
  @ApiBearerAuth()
  @UseGuards(OrganiserGuard)
  endOthers(@CurrentActor() actor: Actor): Promise<EndedSessionsResponse> {
    return this.accounts.endOtherSessions(actor);
  }

  /** Ends one session of this account. */
  @Endpoint(ROUTES.endSession)
  @HttpCode(204)
  @ApiBearerAuth()
  @UseGuards(OrganiserGuard)
  endSession(@CurrentActor() actor: Actor, @Param('sessionId', ParseUUIDPipe) sessionId: string): Promise<void> {
    return this.accounts.endSession(actor, sessionId);
  }
}

@ApiTags('network')
@ApiBearerAuth()
@UseGuards(OrganiserGuard)
@Controller()
export class NetworkController {
  constructor(private readonly network: NetworkService) {}

  @Endpoint(ROUTES.members)
  members(@CurrentActor() actor: Actor): Promise<MemberView[]> {
    return this.network.members(actor);
  }

  @Endpoint(ROUTES.invitations)
  invitations(@CurrentActor() actor: Actor): Promise<InvitationView[]> {
    return this.network.invitationsOf(actor);
  }

  @Endpoint(ROUTES.invite)
  invite(@CurrentActor() actor: Actor, @Body() dto: CreateInvitationDto): Promise<CreatedInvitationResponse> {
    return this.network.invite(actor, dto.email, dto.role, dto.language);
  }

  @Endpoint(ROUTES.revokeInvitation)
  @HttpCode(204)
  revoke(@CurrentActor() actor: Actor, @Param('invitationId', ParseUUIDPipe) id: string): Promise<void> {
    return this.network.revoke(actor, id);
  }

  /** Changes a member's role (owner changes take an owner; the network keeps at least one owner). */
  @Endpoint(ROUTES.changeRole)
  changeRole(@CurrentActor() actor: Actor, @Param('memberId', ParseUUIDPipe) id: string, @Body() dto: UpdateMemberDto): Promise<MemberView> {
    return this.network.changeRole(actor, id, dto.role);
  }

  /** Removes a member: they cannot log in any more and their open connections close. */
  @Endpoint(ROUTES.removeMember)
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @Param('memberId', ParseUUIDPipe) id: string): Promise<void> {
    return this.network.removeMember(actor, id);
  }

  /** The latest changes to the network's accounts: members removed, roles and passwords changed, sessions ended. */
  @Endpoint(ROUTES.networkEvents)
  events(@CurrentActor() actor: Actor): Promise<NetworkEventView[]> {
    return this.network.events(actor);
  }
}

@ApiTags('auth')
@Controller()
export class InvitationsController {
  constructor(private readonly network: NetworkService) {}

  @Endpoint(ROUTES.invitationPreview)
  @RateLimit('anonymous')
  preview(@Param('token') token: string): Promise<InvitationPreview> {
    return this.network.preview(token);
  }
}
