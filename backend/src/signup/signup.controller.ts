import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ROUTES,
  type AnnouncementView,
  type CreatedSignupResponse,
  type Language,
  type MySignupView,
  type SignupOverview,
  type SignupView,
} from '@buurtjury/shared';
import type { Actor } from '../accounts/actor';
import { CurrentActor, OrganiserGuard } from '../accounts/auth.guard';
import { badRequest } from '../platform/common/app-error';
import { Endpoint } from '../platform/common/endpoint';
import { RateLimit } from '../platform/common/rate-limit';
import { ArrivalDto, SignupDto, SignupSettingsDto } from './dto/signup.dto';
import { SignupService } from './signup.service';

function language(value: unknown): Language {
  if (value === undefined || value === '') return 'nl';
  if (value === 'nl' || value === 'en') return value;
  throw badRequest('VALIDATION_FAILED', 'lang must be one of nl, en.');
}

function download(res: Response, file: { name: string; data: Buffer }, contentType: string): void {
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${file.name}"`);
  res.setHeader('Cache-Control', 'private, no-store');
  res.send(file.data);
}

/** The organisers' side: the page's settings, the list with counts, the CSV, arrivals at the door. */
@ApiTags('signup')
@ApiBearerAuth()
@UseGuards(OrganiserGuard)
@Controller()
export class SignupOrganiserController {
  constructor(private readonly signup: SignupService) {}

  @Endpoint(ROUTES.signups)
  overview(@CurrentActor() actor: Actor, @Param('eveningId', ParseUUIDPipe) id: string): Promise<SignupOverview> {
    return this.signup.overview(actor, id);
  }

  @Endpoint(ROUTES.signupSettings)
  settings(@CurrentActor() actor: Actor, @Param('eveningId', ParseUUIDPipe) id: string, @Body() dto: SignupSettingsDto): Promise<SignupOverview> {
    return this.signup.saveSettings(actor, id, dto);
  }

  @Endpoint(ROUTES.signupsCsv)
  @ApiQuery({ name: 'lang', enum: ['nl', 'en'], required: false })
  async csv(@CurrentActor() actor: Actor, @Param('eveningId', ParseUUIDPipe) id: string, @Query('lang') lang: unknown, @Res() res: Response): Promise<void> {
    download(res, await this.signup.csv(actor, id, language(lang)), 'text/csv; charset=utf-8');
  }

  @Endpoint(ROUTES.signupArrival)
  @HttpCode(200)
  arrival(
    @CurrentActor() actor: Actor,
    @Param('eveningId', ParseUUIDPipe) id: string,
    @Param('signupId', ParseUUIDPipe) signupId: string,
    @Body() dto: ArrivalDto,
  ): Promise<SignupView> {
    return this.signup.arrival(actor, id, signupId, dto.arrived);
  }
}

/** The public side: the announcement, signing up (limited per address), and the resident's own link. */
@ApiTags('signup')
@Controller()
export class SignupPublicController {
  constructor(private readonly signup: SignupService) {}

  @Endpoint(ROUTES.announcement)
  @RateLimit('anonymous')
  announcement(@Param('announcementCode') code: string): Promise<AnnouncementView> {
    return this.signup.announcement(code);
  }

  @Endpoint(ROUTES.signUpForEvening)
  @RateLimit('eveningSignup')
  signUp(@Param('announcementCode') code: string, @Body() dto: SignupDto): Promise<CreatedSignupResponse> {
    return this.signup.signUp(code, dto);
  }

  @Endpoint(ROUTES.mySignup)
  @RateLimit('anonymous')
  mine(@Param('signupToken') token: string): Promise<MySignupView> {
    return this.signup.mine(token);
  }

  @Endpoint(ROUTES.mySignupCalendar)
  @RateLimit('anonymous')
  async calendar(@Param('signupToken') token: string, @Res() res: Response): Promise<void> {
    download(res, await this.signup.calendar(token), 'text/calendar; charset=utf-8');
  }

  @Endpoint(ROUTES.cancelSignup)
  @RateLimit('anonymous')
  @HttpCode(200)
  cancel(@Param('signupToken') token: string): Promise<MySignupView> {
    return this.signup.cancel(token);
  }
}
