/*
 * Where a digest round spends its time (issue 19.5; npm run bench:digest prints it): per phase the
 * milliseconds summed over every delivery of the round. Deliveries run side by side, so the sums add
 * up to more than the round's duration; their shares say where the time goes.
 * - compose: everything of a delivery that is not one of the others — reserving, the lock, the
 *   checks, the section queries and the bookkeeping rows;
 * - rank: ranking the caseload for the new vacancies, recording the runs included;
 * - render: the mail's subject, text and HTML;
 * - send: the SMTP exchange and recording it as sent (mail_log).
 */
export const DIGEST_PHASES = ['compose', 'rank', 'render', 'send'] as const;
export type DigestPhase = (typeof DIGEST_PHASES)[number];
export type DigestTimings = Record<DigestPhase, number>;

export function createDigestTimings(): DigestTimings {
  return { compose: 0, rank: 0, render: 0, send: 0 };
}

/** Runs `work`, adding its duration to `phase` (nothing is measured without timings). */
export async function timed<T>(timings: DigestTimings | undefined, phase: DigestPhase, work: () => Promise<T>): Promise<T> {
  if (!timings) return work();
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings[phase] += performance.now() - started;
  }
}

export function timedSync<T>(timings: DigestTimings | undefined, phase: DigestPhase, work: () => T): T {
  if (!timings) return work();
  const started = performance.now();
  try {
    return work();
  } finally {
    timings[phase] += performance.now() - started;
  }
}
