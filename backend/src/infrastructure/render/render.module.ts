import { Global, Module } from '@nestjs/common';
import { RenderService } from './render.service';

/** The render processes, shared by every module that makes documents. */
@Global()
@Module({ providers: [RenderService], exports: [RenderService] })
export class RenderModule {}
