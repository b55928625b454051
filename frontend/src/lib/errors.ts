/**
 * Renders a refusal of the one error vocabulary (shared/src/api/errors.ts) in the interface's
 * language: the reason's sentence from the locale files (`errors.<reason>`) with its params, or
 * otherwise the code's own sentence (`liveError.<code>` on the live pages, `apiError.<code>`). The
 * server's English `message` is never shown; it is there for API clients and logs.
 */
import type { ErrorParams, Problem } from '@buurtjury/shared';

type Translate = (id: string, options?: { values?: Record<string, string | number>; default?: string }) => string;

export interface Refusal {
  code: string;
  reason?: string;
  params?: ErrorParams;
}

/** The sentence for a reason with its params, or '' when the locale files do not know it. */
export function reasonText(t: Translate, reason: string | undefined, params?: ErrorParams): string {
  return reason ? t(`errors.${reason}`, { values: params ?? {}, default: '' }) : '';
}

/** The refusal in the interface's language: its reason's sentence, else its code's sentence. */
export function refusalText(t: Translate, error: Refusal, sections: readonly ('apiError' | 'liveError')[] = ['apiError']): string {
  const byReason = reasonText(t, error.reason, error.params);
  if (byReason) return byReason;
  for (const section of sections) {
    const byCode = t(`${section}.${error.code}`, { default: '' });
    if (byCode) return byCode;
  }
  return t('apiError.INTERNAL');
}

/** A list of problems (setup checks, scale checks) in the interface's language. */
export function problemTexts(t: Translate, problems: readonly Problem[]): string[] {
  return problems.map((p) => reasonText(t, p.reason, p.params) || p.message);
}
