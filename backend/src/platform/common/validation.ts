import { ValidationError, ValidationPipe } from '@nestjs/common';
import { problem } from '@buurtjury/shared';
import { badRequest } from './app-error';

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => (m.startsWith(field) ? m : `${field}: ${m}`));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Most problems listed in a refusal: enough to fix a form, never a copy of a flood of unknown fields. */
export const MAX_VALIDATION_DETAILS = 10;

/**
 * Validates every body, query and param DTO; unknown fields are refused rather than ignored.
 * The body's shape (at most 100 fields per object) is checked before this (jsonShapeProblem), and
 * the refusal lists at most MAX_VALIDATION_DETAILS problems.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const all = flatten(errors);
      const details = all.length > MAX_VALIDATION_DETAILS ? [...all.slice(0, MAX_VALIDATION_DETAILS), `… and ${all.length - MAX_VALIDATION_DETAILS} more`] : all;
      return badRequest('VALIDATION_FAILED', { ...problem('validation.request'), message: `The request is not valid: ${all.slice(0, 3).join('; ')}${all.length > 3 ? ' …' : ''}` }, details);
    },
  });
}
