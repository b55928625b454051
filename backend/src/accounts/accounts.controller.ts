import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type {
  CreatedInvitationResponse,
  InvitationPreview,
  InvitationView,
  MemberView,
  MeResponse,
  SessionResponse,
} from '@buurtjury/shared';
import { RateLimit } from '../common/rate-limit';
import type { Actor } from './actor';
import { AccountsService } from './accounts.service';
import { CurrentActor, CurrentToken, OrganiserGuard } from './auth.guard';
import { CreateInvitationDto, LoginDto, SignUpDto } from './dto/accounts.dto';
import { NetworkService } from './network.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly accounts: AccountsService) {}

  @Post('signup')
  @RateLimit('signup')
  signUp(@Body() dto: SignUpDto): Promise<SessionResponse> {
    return this.accounts.signUp(dto);
  }

  @Post('login')
  @HttpCode(200)
  @RateLimit('login')
  logIn(@Body() dto: LoginDto): Promise<SessionResponse> {
    return this.accounts.logIn(dto);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @UseGuards(OrganiserGuard)
  logOut(@CurrentToken() token: string): Promise<void> {
    return this.accounts.logOut(token);
  }

  @Get('me')
  @ApiBearerAuth()
  @UseGuards(OrganiserGuard)
  me(@CurrentActor() actor: Actor): Promise<MeResponse> {
    return this.accounts.me(actor);
  }
}

@ApiTags('network')
@ApiBearerAuth()
@UseGuards(OrganiserGuard)
@Controller('network')
export class NetworkController {
  constructor(private readonly network: NetworkService) {}

  @Get('members')
  members(@CurrentActor() actor: Actor): Promise<MemberView[]> {
    return this.network.members(actor);
  }

  @Get('invitations')
  invitations(@CurrentActor() actor: Actor): Promise<InvitationView[]> {
    return this.network.invitationsOf(actor);
  }

  @Post('invitations')
  invite(@CurrentActor() actor: Actor, @Body() dto: CreateInvitationDto): Promise<CreatedInvitationResponse> {
    return this.network.invite(actor, dto.email, dto.role);
  }

  @Delete('invitations/:invitationId')
  @HttpCode(204)
  revoke(@CurrentActor() actor: Actor, @Param('invitationId', ParseUUIDPipe) id: string): Promise<void> {
    return this.network.revoke(actor, id);
  }
}

@ApiTags('auth')
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly network: NetworkService) {}

  @Get(':token')
  @RateLimit('anonymous')
  preview(@Param('token') token: string): Promise<InvitationPreview> {
    return this.network.preview(token);
  }
}
