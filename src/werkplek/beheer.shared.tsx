import { ProblemError, renderProblem } from '../http/problems.js';
import { Alert, Paragraph } from '../pages/components.js';
import { h, type Html } from '../pages/jsx.js';

/*
 * What the Beheer pages (issue 14.7) share: their place in the werkplek, the Dutch words for roles,
 * and how a service's problem is shown on the form it came from.
 */

export const BEHEER = '/werkplek/beheer';

export { ROLE_LABELS } from '../pages/labels.js';

/** A 4xx problem from a service, as the sentence people read on the form (null for anything else: let it be thrown). */
export function problemText(error: unknown): string | null {
  return error instanceof ProblemError && error.spec.status < 500 && error.spec.status !== 404
    ? (renderProblem(error.spec, 'nl', { values: error.values }).detail ?? null)
    : null;
}

/** The status a refused form answers with: the problem's own (a 4xx). */
export const problemStatus = (error: unknown) => (error as ProblemError).spec.status;

/** A problem or a confirmation above a form. */
export function Notice({ problem, done }: { problem?: string | null | undefined; done?: string | null | undefined }): Html {
  if (problem) {
    return (
      <Alert type="error" focus>
        <Paragraph>{problem}</Paragraph>
      </Alert>
    );
  }
  if (done) {
    return (
      <Alert type="ok">
        <Paragraph>{done}</Paragraph>
      </Alert>
    );
  }
  return <span></span>;
}

/** Values of a query or form without the empty ones ("not given"). */
export function withoutEmpty<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined && value !== '')) as Partial<T>;
}

/**
 * A number typed in a form: "1234,56" or "1234.56" (with a comma, dots are thousands separators).
 * Text that is no number is returned as it is, so that the API's schema names the field in its error.
 */
export function numberOf(typed: string | undefined): number | string | undefined {
  if (typed === undefined) return undefined;
  const normal = typed.includes(',') ? typed.replaceAll('.', '').replace(',', '.') : typed;
  const value = Number(normal.replace(/\s|€/g, ''));
  return normal.trim() !== '' && Number.isFinite(value) ? value : typed;
}
