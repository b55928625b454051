import { Injectable } from '@nestjs/common';
import type { Actor } from '../accounts/actor';
import { EveningsService } from '../evenings/evenings.service';
import { MetaService } from '../meta/meta.service';
import { RenderService } from '../infrastructure/render/render.service';

@Injectable()
export class PosterService {
  constructor(
    private readonly evenings: EveningsService,
    private readonly meta: MetaService,
    private readonly render: RenderService,
  ) {}

  async poster(actor: Actor, eveningId: string): Promise<{ filename: string; pdf: Buffer }> {
    const evening = await this.evenings.get(actor, eveningId);
    const pdf = await this.render.pdf({ kind: 'poster', evening, publicUrl: this.meta.publicUrl() });
    return { filename: `poster-${evening.joinCode}.pdf`, pdf };
  }
}
