import type { HostCommand } from '@buurtjury/shared';

/**
 * Sends a host command and shows the outcome in the console's feedback line: `done` words the
 * success (given the ballots counted, for a close). Resolves to whether the server accepted it.
 */
export type RunCommand = (command: HostCommand, done?: (ballotsCounted?: number) => string) => Promise<boolean>;
