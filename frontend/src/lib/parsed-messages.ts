/**
 * Stands in for `@formatjs/icu-messageformat-parser` in the browser (an alias in vite.config.ts).
 *
 * svelte-i18n formats messages with intl-messageformat, which parses each ICU message
 * (`{count, plural, one {…} other {…}}`) in the browser with formatjs's parser: a third of the
 * phone's script. The build parses every message with that same parser instead (the plugin in
 * vite.config.ts) and ships the results next to the messages; `parse` here only looks them up.
 * A message without arguments parses to itself as a literal, so only the others are shipped.
 */
import { TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser/lib/types.js';

export * from '@formatjs/icu-messageformat-parser/lib/types.js';

export type ParsedMessages = [message: string, parsed: MessageFormatElement[]][];

const known = new Map<string, MessageFormatElement[]>();

/** Adds the build's parse results of a set of messages. */
export function rememberParsed(entries: ParsedMessages): void {
  for (const [message, parsed] of entries) known.set(message, parsed);
}

/** The build's parse of `message`; a message the build did not list is a plain literal. */
export function parse(message: string): MessageFormatElement[] {
  return known.get(message) ?? [{ type: TYPE.literal, value: message }];
}
