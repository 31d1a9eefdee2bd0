import type { digestRepository } from './digests.repository.js';
import type { Role } from '../auth/roles.js';
import { sectionsFor } from './digests.content.js';
import type { Frequency } from './digests.period.js';
import { weekdayName, type DigestScope, type SubscriptionView } from './digests.schemas.js';

/* Presenters: stored rows → the shapes of the API. No I/O. */

/** A subscription as the repository finds it, with its user. */
export type Found = NonNullable<Awaited<ReturnType<ReturnType<typeof digestRepository>['find']>>>;

export function toSubscriptionView(row: Found): SubscriptionView {
  const { subscription } = row;
  const scope = subscription.scope as DigestScope;
  return {
    id: subscription.id,
    userId: subscription.userId,
    recipient: { name: row.userName, role: row.userRole },
    frequency: subscription.frequency as Frequency,
    weekday: weekdayName(subscription.weekday),
    hour: subscription.hour,
    timezone: subscription.timezone,
    scope: { sections: sectionsFor(row.userRole as Role, scope), minMatchScore: scope.minMatchScore ?? null },
    lang: subscription.lang as SubscriptionView['lang'],
    active: subscription.active,
    unsubscribedAt: subscription.unsubscribedAt?.toISOString() ?? null,
    lastSentAt: row.lastSentAt?.toISOString() ?? null,
    createdAt: subscription.createdAt.toISOString(),
    updatedAt: subscription.updatedAt.toISOString(),
  };
}
