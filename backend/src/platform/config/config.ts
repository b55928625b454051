import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  Validate,
  ValidatorConstraint,
  validateSync,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { isIP } from 'node:net';
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

/**
 * DATABASE_URL: `postgres://` or `postgresql://`, a host (or `host=` for a Unix socket directory)
 * and a database name, as libpq and node-postgres read it. The message never repeats the URL,
 * which may hold a password.
 */
@ValidatorConstraint({ name: 'postgresUrl' })
class IsPostgresUrl implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && postgresUrlProblem(value) === null;
  }

  defaultMessage(args?: { value: unknown }): string {
    return `DATABASE_URL ${postgresUrlProblem(String(args?.value)) ?? 'is not valid'}; for example postgres://buurtjury:secret@db.example.nl:5432/buurtjury`;
  }
}

/** Why a DATABASE_URL cannot be used, or null when it can. */
export function postgresUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') return `must start with postgres:// (PostgreSQL is the only database server supported), not ${url.protocol}//`;
  if (url.hostname === '' && !url.searchParams.get('host')) return 'names no host';
  if (url.port !== '' && (Number(url.port) < 1 || Number(url.port) > 65535)) return 'has a port outside 1-65535';
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (database === '' || database.includes('/')) return 'names no database (the path after the host, for example /buurtjury)';
  return null;
}

/** Every setting comes from an environment variable with this name; see README "Configuration". */
class EnvSchema {
  @IsOptional() @Transform(toInt) @IsInt({ message: 'PORT must be a whole number' }) @Min(1) @Max(65535)
  PORT?: number;

  @IsOptional() @IsString() @MinLength(1)
  HOST?: string;

  @IsOptional() @IsString()
  DATABASE_PATH?: string;

  @IsOptional()
  @Validate(IsPostgresUrl)
  DATABASE_URL?: string;

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

  @IsOptional() @Transform(toInt) @IsInt({ message: 'ANONYMOUS_RATE_LIMIT must be a whole number' }) @Min(10) @Max(1_000_000)
  ANONYMOUS_RATE_LIMIT?: number;

  @IsOptional() @Transform(toInt) @IsInt({ message: 'RECEIPT_RATE_LIMIT must be a whole number' }) @Min(1) @Max(100_000)
  RECEIPT_RATE_LIMIT?: number;

  @IsOptional() @Transform(toInt) @IsInt({ message: 'VERIFY_RATE_LIMIT must be a whole number' }) @Min(1) @Max(10_000)
  VERIFY_RATE_LIMIT?: number;

  @IsOptional() @Transform(toInt) @IsInt({ message: 'JOIN_CEILING_MIN must be a whole number' }) @Min(10) @Max(100_000)
  JOIN_CEILING_MIN?: number;

  @IsOptional() @Transform(toInt) @IsInt({ message: 'SCREENS_PER_EVENING must be a whole number' }) @Min(1) @Max(10_000)
  SCREENS_PER_EVENING?: number;

  @IsOptional() @Transform(toInt) @IsInt({ message: 'HALF_OPEN_PER_ADDRESS must be a whole number' }) @Min(10) @Max(100_000)
  HALF_OPEN_PER_ADDRESS?: number;

  @IsOptional() @Transform(toInt) @IsInt({ message: 'FLOOD_LOG_SECONDS must be a whole number' }) @Min(1) @Max(86_400)
  FLOOD_LOG_SECONDS?: number;

  @IsOptional() @IsString()
  TRUST_PROXY?: string;

  @IsOptional() @Transform(toInt) @IsInt({ message: 'RENDER_WORKERS must be a whole number' }) @Min(1) @Max(32)
  RENDER_WORKERS?: number;

  @IsOptional() @Transform(toInt) @IsInt({ message: 'RENDER_QUEUE must be a whole number' }) @Min(0) @Max(1000)
  RENDER_QUEUE?: number;

  @IsOptional() @Transform(toInt) @IsInt({ message: 'RENDER_TIMEOUT_SECONDS must be a whole number' }) @Min(5) @Max(3600)
  RENDER_TIMEOUT_SECONDS?: number;

  @IsOptional() @Transform(toInt) @IsInt({ message: 'RENDER_MEMORY_MB must be a whole number' }) @Min(128) @Max(65536)
  RENDER_MEMORY_MB?: number;

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['redis', 'rediss'] }, { message: 'REDIS_URL must be a redis:// or rediss:// URL, for example redis://redis:6379' })
  REDIS_URL?: string;

  @IsOptional() @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, { message: 'REDIS_PREFIX must be 1 to 64 letters, digits, _ . : or -, for example buurtjury' })
  REDIS_PREFIX?: string;

  @IsOptional() @Transform(toList) @IsArray()
  @Matches(ORIGIN_PATTERN, { each: true, message: 'ALLOWED_ORIGINS must be comma-separated http(s) origins without a path, for example https://jury.example.nl' })
  ALLOWED_ORIGINS?: string[];
}

const ENV_KEYS = [
  'PORT',
  'HOST',
  'DATABASE_PATH',
  'DATABASE_URL',
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
  'ANONYMOUS_RATE_LIMIT',
  'RECEIPT_RATE_LIMIT',
  'VERIFY_RATE_LIMIT',
  'JOIN_CEILING_MIN',
  'SCREENS_PER_EVENING',
  'HALF_OPEN_PER_ADDRESS',
  'FLOOD_LOG_SECONDS',
  'RENDER_WORKERS',
  'RENDER_QUEUE',
  'RENDER_TIMEOUT_SECONDS',
  'RENDER_MEMORY_MB',
  'ALLOWED_ORIGINS',
  'TRUST_PROXY',
  'REDIS_URL',
  'REDIS_PREFIX',
] as const satisfies readonly (keyof EnvSchema)[];

export interface AppConfig {
  port: number;
  host: string;
  /** The embedded sqlite file (ignored when `databaseUrl` is set). */
  databasePath: string;
  /** A PostgreSQL connection URL (DATABASE_URL): the data lives there instead of the sqlite file. */
  databaseUrl: string | null;
  /** Explicit public base URL without trailing slash, or null to derive one from the network interfaces. */
  publicUrl: string | null;
  sessionDays: number;
  invitationDays: number;
  /** Days after an advice is issued after which the link between phones and ballots is deleted; the advice states it. */
  retentionDays: number;
  demo: boolean;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  frontendDist: string;
  /** Logged-in socket connections beyond this are refused with SERVER_BUSY (the process may open about 20,000 files); half-open ones do not count. */
  maxConnections: number;
  /** Socket messages one connection may send per 10 seconds before it is throttled. */
  socketRateLimit: number;
  /** Log-in requests one address may make per minute. */
  loginRateLimit: number;
  /** Sign-ups one address may make per hour. */
  signupRateLimit: number;
  /**
   * New phones one address may join per minute that do not then connect: a phone that connects
   * gives its count back, so a whole venue behind one Wi-Fi address is not limited by it.
   */
  joinRateLimit: number;
  /** Requests per address per minute on anonymous routes without a limit of their own (meta, invitation preview, committee pages). */
  anonymousRateLimit: number;
  /** Receipt look-ups per address per minute. */
  receiptRateLimit: number;
  /** The committee's verifications per address per minute (each recomputes the whole evening). */
  verifyRateLimit: number;
  /** An evening admits at most max(this, phones that connected) phones that joined and never connected; see JoinGate. */
  joinCeilingMin: number;
  /** Big screens opened without an organiser's log-in, per evening. */
  screensPerEvening: number;
  /** Socket sessions one address may hold open without logging in; beyond it the oldest is closed. */
  halfOpenPerAddress: number;
  /** Floods are logged once per this many seconds, with counts. */
  floodLogSeconds: number;
  /** Other origins (scheme://host[:port]) whose pages may call the API and open sockets; PUBLIC_URL's origin is included. */
  allowedOrigins: string[];
  /**
   * Which proxies in front of the app Express believes about the client's address and scheme
   * (X-Forwarded-For, X-Forwarded-Proto): false, true, a number of hops, or a list of addresses,
   * subnets and the names loopback, linklocal, uniquelocal. Over https (as such a proxy reports)
   * the app sends HSTS; over plain http it does not.
   */
  trustProxy: boolean | number | string[];
  /**
   * Redis shared by several nodes (REDIS_URL): socket.io rooms and broadcasts, the per-address
   * counters and log-in lock-outs, and the notices that keep each node's running evenings current.
   * Null: one node, everything in memory. Keys and channels start with `prefix`.
   */
  redis: { url: string; prefix: string } | null;
  /** PDF and DOCX rendering in render processes: how many at once, how many may wait, and each render's time and memory budget. */
  render: { workers: number; queue: number; timeoutMs: number; memoryMb: number };
  /** Outgoing mail (SMTP_URL, MAIL_FROM), or null: then Buurtjury sends no mail and organisers pass links on themselves. */
  mail: MailConfig | null;
}

export interface MailConfig {
  /** smtp://user:pass@host:port (STARTTLS when offered) or smtps://… (TLS from the start), as nodemailer takes it. */
  url: string;
  /** The sender, `Buurtjury <address>`. */
  from: string;
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
    const shown = (key: string) => (key === 'DATABASE_URL' ? JSON.stringify(redactUrl(raw[key] ?? '')) : JSON.stringify(raw[key]));
    const lines = errors.map((e) => `  ${e.property}=${shown(e.property)}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return {
    port: parsed.PORT ?? 3000,
    host: parsed.HOST ?? '0.0.0.0',
    databasePath: parsed.DATABASE_PATH === ':memory:' ? ':memory:' : path.resolve(cwd, parsed.DATABASE_PATH ?? 'data/buurtjury.sqlite'),
    databaseUrl: parsed.DATABASE_URL ?? null,
    publicUrl: parsed.PUBLIC_URL ? parsed.PUBLIC_URL.replace(/\/+$/, '') : null,
    sessionDays: parsed.SESSION_DAYS ?? 30,
    invitationDays: parsed.INVITATION_DAYS ?? 14,
    retentionDays: parsed.RETENTION_DAYS ?? 90,
    demo: parsed.DEMO ?? false,
    logLevel: (parsed.LOG_LEVEL ?? 'warn') as AppConfig['logLevel'],
    frontendDist: path.resolve(cwd, parsed.FRONTEND_DIST ?? path.join(__dirname, '..', '..', '..', '..', 'frontend', 'dist')),
    maxConnections: parsed.MAX_CONNECTIONS ?? 19_000,
    socketRateLimit: parsed.SOCKET_RATE_LIMIT ?? 30,
    loginRateLimit: parsed.LOGIN_RATE_LIMIT ?? 10,
    signupRateLimit: parsed.SIGNUP_RATE_LIMIT ?? 20,
    joinRateLimit: parsed.JOIN_RATE_LIMIT ?? 120,
    anonymousRateLimit: parsed.ANONYMOUS_RATE_LIMIT ?? 300,
    receiptRateLimit: parsed.RECEIPT_RATE_LIMIT ?? 30,
    verifyRateLimit: parsed.VERIFY_RATE_LIMIT ?? 6,
    joinCeilingMin: parsed.JOIN_CEILING_MIN ?? 100,
    screensPerEvening: parsed.SCREENS_PER_EVENING ?? 20,
    halfOpenPerAddress: parsed.HALF_OPEN_PER_ADDRESS ?? 500,
    floodLogSeconds: parsed.FLOOD_LOG_SECONDS ?? 60,
    allowedOrigins: allowedOrigins(parsed.ALLOWED_ORIGINS ?? [], parsed.PUBLIC_URL),
    trustProxy: trustProxy(parsed.TRUST_PROXY),
    redis: parsed.REDIS_URL ? { url: parsed.REDIS_URL, prefix: parsed.REDIS_PREFIX ?? 'buurtjury' } : null,
    render: {
      // One core stays with the event loop (ballots, host commands): 1 worker on a 2-core machine.
      workers: parsed.RENDER_WORKERS ?? Math.max(1, Math.min(4, availableParallelism() - 1)),
      queue: parsed.RENDER_QUEUE ?? 8,
      timeoutMs: (parsed.RENDER_TIMEOUT_SECONDS ?? 120) * 1000,
      memoryMb: parsed.RENDER_MEMORY_MB ?? 1024,
    },
    mail: mailConfig(blankToUndefined(env.SMTP_URL), blankToUndefined(env.MAIL_FROM)),
  };
}

/** A connection URL with its password replaced by `***`, for messages and logs. */
export function redactUrl(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/?#@]*:)[^@/?#]*@/i, '$1***@');
}

const blankToUndefined = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());

/** A plain e-mail address, as a sender needs it (no display name; Buurtjury adds its own). */
const MAIL_ADDRESS = /^[^\s@<>()",;:]+@[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i;

/** SMTP_URL with its password replaced by `***`, for an error message (messages end up in logs). */
function maskedSmtpUrl(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*:)[^@/]*@/i, '$1***@');
}

/**
 * SMTP_URL and MAIL_FROM. The URL must be smtp:// or smtps:// with a host and, if given, a port
 * 1-65535, and nothing after the port but an optional `/` (nodemailer reads options from a query
 * string, which we do not want to allow unseen). MAIL_FROM defaults to the URL's user name when that
 * is an e-mail address, else to no-reply@<host>. A wrong value names the variable, never the password.
 */
export function mailConfig(url: string | undefined, from: string | undefined): MailConfig | null {
  if (url === undefined) {
    if (from !== undefined) throw new ConfigError('Invalid configuration:\n  MAIL_FROM is set but SMTP_URL is not: set SMTP_URL (smtp://user:password@host:587) to send mail');
    return null;
  }
  const wrong = (why: string) =>
    new ConfigError(`Invalid configuration:\n  SMTP_URL=${JSON.stringify(maskedSmtpUrl(url))}: ${why}; for example smtp://user:password@mail.example.nl:587 or smtps://user:password@mail.example.nl:465`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw wrong('not a URL');
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') throw wrong('must start with smtp:// or smtps://');
  if (parsed.hostname === '') throw wrong('has no host');
  if (!/^[a-z][a-z0-9+.-]*:\/\/([^@/]*@)?(\[[0-9a-f:.]+\]|[^:/?#[\]]+)(:\d{1,5})?\/?$/i.test(url)) throw wrong('may hold user, password, host and port only');
  if (parsed.port !== '' && (Number(parsed.port) < 1 || Number(parsed.port) > 65535)) throw wrong('port must be 1-65535');
  const user = decodeURIComponent(parsed.username);
  const address = from ?? (MAIL_ADDRESS.test(user) ? user : `no-reply@${parsed.hostname.replace(/^\[|\]$/g, '')}`);
  if (!MAIL_ADDRESS.test(address)) {
    throw new ConfigError(`Invalid configuration:\n  MAIL_FROM=${JSON.stringify(from)}: must be an e-mail address, for example buurtjury@example.nl`);
  }
  return { url, from: `Buurtjury <${address}>` };
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** TRUST_PROXY in the form Express's `trust proxy` takes; `loopback` (a proxy on this machine) by default. */
export function trustProxy(value: string | undefined): boolean | number | string[] {
  if (value === undefined) return ['loopback'];
  const v = value.trim().toLowerCase();
  if (['true', 'yes', 'on'].includes(v)) return true;
  if (['false', 'no', 'off', 'none'].includes(v)) return false;
  if (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 10) return Number(v);
  const entries = v.split(',').map((e) => e.trim()).filter((e) => e !== '');
  const wrong = entries.filter((e) => !PROXY_NAMES.has(e) && !isAddressOrSubnet(e));
  if (entries.length === 0 || wrong.length > 0) {
    throw new ConfigError(
      `Invalid configuration:\n  TRUST_PROXY=${JSON.stringify(value)}: use false, true, a number of proxies (1-10), or a comma-separated list of addresses, subnets (10.0.0.0/8) and loopback, linklocal, uniquelocal`,
    );
  }
  return entries;
}

function isAddressOrSubnet(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
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
