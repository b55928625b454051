import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { IsArray, IsBoolean, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';

/** An environment variable with a wrong value: the message names it so the start can be fixed. */
export class ConfigError extends Error {}

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value);
const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(v)) return false;
  return value;
};
/** `a, b/` -> ['a', 'b']: comma-separated entries, trimmed, without a trailing slash. */
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((v) => v.trim().replace(/\/+$/, '')).filter((v) => v !== '') : value;

/** Scheme, host and optional port: what a browser sends as `Origin`. */
const ORIGIN_PATTERN = /^https?:\/\/(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?)(:\d{1,5})?$/i;

/** Every setting comes from an environment variable with this name; see README "Configuration". */
class EnvSchema {
  @IsOptional() @Transform(toInt) @IsInt({ message: 'PORT must be a whole number' }) @Min(1) @Max(65535)
  PORT?: number;

  @IsOptional() @IsString() @MinLength(1)
  HOST?: string;

  @IsOptional() @IsString()
  DATABASE_PATH?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'PUBLIC_URL must be a full http(s) URL, for example https://jury.example.nl' })
  PUBLIC_URL?: string;

  @IsOptional() @Transform(toInt) @IsInt({ message: 'SESSION_DAYS must be a whole number' }) @Min(1) @Max(365)
  SESSION_DAYS?: number;

  @IsOptional() @Transform(toInt) @IsInt({ message: 'INVITATION_DAYS must be a whole number' }) @Min(1) @Max(90)
  INVITATION_DAYS?: number;

  @IsOptional() @Transform(toInt) @IsInt({ message: 'RETENTION_DAYS must be a whole number' }) @Min(1) @Max(3650)
  RETENTION_DAYS?: number;

  @IsOptional() @Transform(toBool) @IsBoolean({ message: 'DEMO must be true or false' })
  DEMO?: boolean;

  @IsOptional() @Matches(/^(error|warn|log|debug|verbose)$/, { message: 'LOG_LEVEL must be one of error, warn, log, debug, verbose' })
  LOG_LEVEL?: string;

  @IsOptional() @IsString()
  FRONTEND_DIST?: string;

  @IsOptional() @Transform(toInt) @IsInt({ message: 'MAX_CONNECTIONS must be a whole number' }) @Min(10) @Max(1_000_000)
  MAX_CONNECTIONS?: number;

  @IsOptional() @Transform(toInt) @IsInt({ message: 'SOCKET_RATE_LIMIT must be a whole number' }) @Min(1) @Max(100_000)
  SOCKET_RATE_LIMIT?: number;

  @IsOptional() @Transform(toInt) @IsInt({ message: 'LOGIN_RATE_LIMIT must be a whole number' }) @Min(1) @Max(100_000)
  LOGIN_RATE_LIMIT?: number;

  @IsOptional() @Transform(toInt) @IsInt({ message: 'SIGNUP_RATE_LIMIT must be a whole number' }) @Min(1) @Max(100_000)
  SIGNUP_RATE_LIMIT?: number;

  @IsOptional() @Transform(toInt) @IsInt({ message: 'JOIN_RATE_LIMIT must be a whole number' }) @Min(1) @Max(1_000_000)
  JOIN_RATE_LIMIT?: number;

  @IsOptional() @Transform(toInt) @IsInt({ message: 'RENDER_WORKERS must be a whole number' }) @Min(1) @Max(32)
  RENDER_WORKERS?: number;

  @IsOptional() @Transform(toInt) @IsInt({ message: 'RENDER_QUEUE must be a whole number' }) @Min(0) @Max(1000)
  RENDER_QUEUE?: number;

  @IsOptional() @Transform(toInt) @IsInt({ message: 'RENDER_TIMEOUT_SECONDS must be a whole number' }) @Min(5) @Max(3600)
  RENDER_TIMEOUT_SECONDS?: number;

  @IsOptional() @Transform(toInt) @IsInt({ message: 'RENDER_MEMORY_MB must be a whole number' }) @Min(128) @Max(65536)
  RENDER_MEMORY_MB?: number;

  @IsOptional() @Transform(toList) @IsArray()
  @Matches(ORIGIN_PATTERN, { each: true, message: 'ALLOWED_ORIGINS must be comma-separated http(s) origins without a path, for example https://jury.example.nl' })
  ALLOWED_ORIGINS?: string[];
}

const ENV_KEYS = [
  'PORT',
  'HOST',
  'DATABASE_PATH',
  'PUBLIC_URL',
  'SESSION_DAYS',
  'INVITATION_DAYS',
  'RETENTION_DAYS',
  'DEMO',
  'LOG_LEVEL',
  'FRONTEND_DIST',
  'MAX_CONNECTIONS',
  'SOCKET_RATE_LIMIT',
  'LOGIN_RATE_LIMIT',
  'SIGNUP_RATE_LIMIT',
  'JOIN_RATE_LIMIT',
  'RENDER_WORKERS',
  'RENDER_QUEUE',
  'RENDER_TIMEOUT_SECONDS',
  'RENDER_MEMORY_MB',
  'ALLOWED_ORIGINS',
] as const satisfies readonly (keyof EnvSchema)[];

export interface AppConfig {
  port: number;
  host: string;
  databasePath: string;
  /** Explicit public base URL without trailing slash, or null to derive one from the network interfaces. */
  publicUrl: string | null;
  sessionDays: number;
  invitationDays: number;
  /** Days after an advice is issued after which the link between phones and ballots is deleted; the advice states it. */
  retentionDays: number;
  demo: boolean;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  frontendDist: string;
  /** Socket connections beyond this are refused with SERVER_BUSY (the process may open about 20,000 files). */
  maxConnections: number;
  /** Socket messages one connection may send per 10 seconds before it is throttled. */
  socketRateLimit: number;
  /** Log-in requests one address may make per minute. */
  loginRateLimit: number;
  /** Sign-ups one address may make per hour. */
  signupRateLimit: number;
  /** Joins one address may make per minute; a whole venue can share one address behind its Wi-Fi. */
  joinRateLimit: number;
  /** Other origins (scheme://host[:port]) whose pages may call the API and open sockets; PUBLIC_URL's origin is included. */
  allowedOrigins: string[];
  /** PDF and DOCX rendering in render processes: how many at once, how many may wait, and each render's time and memory budget. */
  render: { workers: number; queue: number; timeoutMs: number; memoryMb: number };
}

/** Reads and validates the configuration; throws a ConfigError naming every wrong variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const raw: Record<string, string> = {};
  for (const key of ENV_KEYS) {
    const value = env[key];
    // A blank variable counts as unset (docker compose passes `${X:-}` as an empty string).
    if (value !== undefined && value.trim() !== '') raw[key] = value;
  }
  const parsed = plainToInstance(EnvSchema, raw);
  const errors = validateSync(parsed, { whitelist: true });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}=${JSON.stringify(raw[e.property])}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return {
    port: parsed.PORT ?? 3000,
    host: parsed.HOST ?? '0.0.0.0',
    databasePath: parsed.DATABASE_PATH === ':memory:' ? ':memory:' : path.resolve(cwd, parsed.DATABASE_PATH ?? 'data/buurtjury.sqlite'),
    publicUrl: parsed.PUBLIC_URL ? parsed.PUBLIC_URL.replace(/\/+$/, '') : null,
    sessionDays: parsed.SESSION_DAYS ?? 30,
    invitationDays: parsed.INVITATION_DAYS ?? 14,
    retentionDays: parsed.RETENTION_DAYS ?? 90,
    demo: parsed.DEMO ?? false,
    logLevel: (parsed.LOG_LEVEL ?? 'warn') as AppConfig['logLevel'],
    frontendDist: path.resolve(cwd, parsed.FRONTEND_DIST ?? path.join(__dirname, '..', '..', '..', 'frontend', 'dist')),
    maxConnections: parsed.MAX_CONNECTIONS ?? 19_000,
    socketRateLimit: parsed.SOCKET_RATE_LIMIT ?? 30,
    loginRateLimit: parsed.LOGIN_RATE_LIMIT ?? 10,
    signupRateLimit: parsed.SIGNUP_RATE_LIMIT ?? 20,
    joinRateLimit: parsed.JOIN_RATE_LIMIT ?? 600,
    allowedOrigins: allowedOrigins(parsed.ALLOWED_ORIGINS ?? [], parsed.PUBLIC_URL),
    render: {
      // One core stays with the event loop (ballots, host commands): 1 worker on a 2-core machine.
      workers: parsed.RENDER_WORKERS ?? Math.max(1, Math.min(4, availableParallelism() - 1)),
      queue: parsed.RENDER_QUEUE ?? 8,
      timeoutMs: (parsed.RENDER_TIMEOUT_SECONDS ?? 120) * 1000,
      memoryMb: parsed.RENDER_MEMORY_MB ?? 1024,
    },
  };
}

/** The configured origins in the form browsers send them (lower case, no default port), plus PUBLIC_URL's. */
function allowedOrigins(configured: string[], publicUrl: string | undefined): string[] {
  const origins = [...configured, ...(publicUrl ? [publicUrl] : [])].map((o) => {
    try {
      return new URL(o).origin;
    } catch {
      throw new ConfigError(`Invalid configuration:\n  ALLOWED_ORIGINS=${JSON.stringify(o)}: not a valid http(s) origin`);
    }
  });
  return [...new Set(origins)];
}

export const APP_CONFIG = Symbol('APP_CONFIG');
