import type { SignupSettingsRequest } from '@buurtjury/shared';
import type { Organiser } from './api';

/** The announcement the browser tests use: the Kruiskamp venue, with `changes` on top. */
export const KRUISKAMP: SignupSettingsRequest = {
  open: true,
  capacity: 2,
  nameOnly: false,
  address: 'Kruiskamp 12, 3815 AB Amersfoort',
  accessibility: 'Gelijkvloers, rolstoeltoilet en ringleiding.',
  about: 'Drie organisaties willen het wijkprogramma coördineren. Jij beoordeelt hun plannen.',
};

/** Sets up the evening's announcement page and answers its code. */
export async function announce(o: Organiser, eveningId: string, changes: Partial<SignupSettingsRequest> = {}): Promise<string> {
  const res = await o.put(`/api/evenings/${eveningId}/signups/settings`, { ...KRUISKAMP, ...changes }).expect(200);
  return (res.body as { settings: { code: string } }).settings.code;
}
