import { Injectable, type PipeTransform } from '@nestjs/common';
import type { Response } from 'express';
import { LANGUAGES, problem, type Language } from '@buurtjury/shared';
import { badRequest } from '../platform/common/app-error';
import type { ServedFile } from './advice.service';

/** `?lang=nl|en`; absent means Dutch. */
@Injectable()
export class LanguagePipe implements PipeTransform<unknown, Language> {
  transform(value: unknown): Language {
    if (value === undefined || value === '') return 'nl';
    if (typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)) return value as Language;
    throw badRequest('VALIDATION_FAILED', { ...problem('advice.languageUnknown', { languages: LANGUAGES.join(', ') }), message: `lang must be one of ${LANGUAGES.join(', ')}.` });
  }
}

/** A stored file's name: letters, digits, dots and dashes only. */
@Injectable()
export class FileNamePipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (typeof value === 'string' && /^[a-z0-9][a-z0-9.-]{0,59}$/.test(value)) return value;
    throw badRequest('VALIDATION_FAILED', problem('advice.fileUnknown'));
  }
}

/** Sends a stored file as a download, with its SHA-256 in a header for checking. */
export function sendFile(res: Response, file: ServedFile): void {
  const inline = file.contentType === 'application/pdf';
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename="${file.name}"`);
  res.setHeader('Cache-Control', 'private, no-store');
  res.send(file.data);
}
