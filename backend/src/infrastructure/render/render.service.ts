import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config';
import type { RenderJob } from './render-job';
import { RenderPool } from './render-pool';

/** Renders PDFs and DOCX files off the event loop (see `RenderPool`): one pool for the whole server. */
@Injectable()
export class RenderService implements OnModuleDestroy {
  readonly pool: RenderPool;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.pool = new RenderPool(config.render);
  }

  /** A job that makes one PDF (poster, cards). */
  async pdf(job: Exclude<RenderJob, { kind: 'advice' }>): Promise<Buffer> {
    return bytes((await this.pool.run(job)).pdf);
  }

  /** The advisory document in the formats asked for. */
  async advice(job: Extract<RenderJob, { kind: 'advice' }>): Promise<{ pdf?: Buffer; docx?: Buffer }> {
    const result = await this.pool.run(job);
    return { ...(result.pdf ? { pdf: bytes(result.pdf) } : {}), ...(result.docx ? { docx: bytes(result.docx) } : {}) };
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.close();
  }
}

function bytes(data: Uint8Array | undefined): Buffer {
  if (!data) throw new Error('The render process returned no file.');
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
