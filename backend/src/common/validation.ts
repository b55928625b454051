import { ValidationError, ValidationPipe } from '@nestjs/common';
import { badRequest } from './app-error';

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => (m.startsWith(field) ? m : `${field}: ${m}`));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Validates every body, query and param DTO; unknown fields are refused rather than ignored. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      return badRequest('VALIDATION_FAILED', `The request is not valid: ${details.slice(0, 3).join('; ')}${details.length > 3 ? ' …' : ''}`, details);
    },
  });
}
