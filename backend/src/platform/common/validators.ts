import { registerDecorator, ValidateIf, ValidationOptions } from 'class-validator';

/**
 * An optional field: absent (undefined) skips its checks, but `null` is checked like any other
 * value and refused by them. class-validator's `@IsOptional()` lets null through too, which put
 * nulls into NOT NULL columns (a 500 instead of a 400). Where null means something (no limit,
 * no e-mail), the field says so with its own `ValidateIf`.
 */
export function Optional(): PropertyDecorator {
  return ValidateIf((_: object, value: unknown) => value !== undefined);
}

/** `YYYY-MM-DD` that is a real calendar date, or the empty string (not known yet). */
export function IsDateOrEmpty(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isDateOrEmpty',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a date as YYYY-MM-DD, or empty`, ...options },
      validator: {
        validate(value: unknown) {
          if (value === '') return true;
          if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
          const d = new Date(`${value}T00:00:00Z`);
          return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
        },
      },
    });
}

/** `HH:MM` on a 24-hour clock, or the empty string. */
export function IsTimeOrEmpty(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isTimeOrEmpty',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a time as HH:MM (24-hour clock), or empty`, ...options },
      validator: {
        validate: (value: unknown) => value === '' || (typeof value === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(value)),
      },
    });
}

/** A map from a scale value (whole number as text) to a description of at most `maxLength` characters. */
export function IsDescriptorMap(maxEntries: number, maxLength: number, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isDescriptorMap',
      target: object.constructor,
      propertyName,
      options: {
        message: `${propertyName} must map grade values (whole numbers) to texts of at most ${maxLength} characters, at most ${maxEntries} of them`,
        ...options,
      },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
          const entries = Object.entries(value);
          return (
            entries.length <= maxEntries &&
            entries.every(([k, v]) => /^(0|[1-9]\d{0,2})$/.test(k) && typeof v === 'string' && v.length <= maxLength)
          );
        },
      },
    });
}

/** A map from criterion id (UUID) to a whole-number grade, 1 to `maxEntries` entries (scale and criteria are checked by the service). */
export function IsGradeMap(maxEntries = 20, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isGradeMap',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must map criterion ids to whole-number grades (1 to ${maxEntries} of them)`, ...options },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
          const entries = Object.entries(value);
          return (
            entries.length >= 1 &&
            entries.length <= maxEntries &&
            entries.every(([k, v]) => /^[0-9a-f-]{36}$/i.test(k) && typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= 1000)
          );
        },
      },
    });
}

/** Per quote id (16 hex digits): `{ check: 16 hex digits, masked: whole numbers }`, at most `maxEntries` of them. */
export function IsQuoteReviews(maxEntries: number, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isQuoteReviews',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must map quote ids to { check, masked } (at most ${maxEntries})`, ...options },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
          const entries = Object.entries(value as Record<string, unknown>);
          return (
            entries.length <= maxEntries &&
            entries.every(([id, review]) => {
              if (!/^[0-9a-f]{16}$/.test(id) || typeof review !== 'object' || review === null || Array.isArray(review)) return false;
              const r = review as Record<string, unknown>;
              const keys = Object.keys(r).sort().join(',');
              return (
                keys === 'check,masked' &&
                typeof r.check === 'string' &&
                /^[0-9a-f]{16}$/.test(r.check) &&
                Array.isArray(r.masked) &&
                r.masked.length <= 200 &&
                r.masked.every((i) => Number.isInteger(i) && (i as number) >= 0 && (i as number) < 10_000)
              );
            })
          );
        },
      },
    });
}
