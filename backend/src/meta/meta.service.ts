import { Inject, Injectable } from '@nestjs/common';
import { networkInterfaces } from 'node:os';
import type { MetaResponse } from '@buurtjury/shared';
import { APP_CONFIG, type AppConfig } from '../platform/config/config';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The backend's version, read from its package.json (two levels up from both src/meta and dist/meta). */
const version = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

/** The first non-internal IPv4 address, which phones on the same network can reach. */
export function lanAddress(): string | null {
  for (const list of Object.values(networkInterfaces())) {
    for (const info of list ?? []) if (info.family === 'IPv4' && !info.internal) return info.address;
  }
  return null;
}

@Injectable()
export class MetaService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Where phones reach this server: PUBLIC_URL when set, otherwise this machine's LAN address. */
  publicUrl(): string {
    if (this.config.publicUrl) return this.config.publicUrl;
    return `http://${lanAddress() ?? 'localhost'}:${this.config.port}`;
  }

  meta(): MetaResponse {
    return { publicUrl: this.publicUrl(), version, retentionDays: this.config.retentionDays, mail: this.config.mail !== null };
  }
}
