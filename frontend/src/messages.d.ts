/**
 * A locale file as the build serves it (the plugin in vite.config.ts): `?all` every message,
 * `?phone` the namespaces the phone needs (lib/message-parts.ts); `parsed` for lib/parsed-messages.ts.
 */
interface LocaleMessages {
  [key: string]: LocaleMessages | string;
}

declare module '*.json?phone' {
  export const parsed: import('./lib/parsed-messages').ParsedMessages;
  const messages: LocaleMessages;
  export default messages;
}

declare module '*.json?all' {
  export const parsed: import('./lib/parsed-messages').ParsedMessages;
  const messages: LocaleMessages;
  export default messages;
}

declare module '*.json?questions' {
  export const parsed: import('./lib/parsed-messages').ParsedMessages;
  const messages: LocaleMessages;
  export default messages;
}
