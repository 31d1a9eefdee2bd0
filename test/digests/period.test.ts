import t from 'tap';
import { currentPeriod, duePeriod, followingPeriod, isoWeek, localTimeToInstant, periodFromKey, type Schedule } from '../../src/digests/digests.period.js';

const tz = 'Europe/Amsterdam';
const weekly = (weekday: number, hour: number): Schedule => ({ frequency: 'weekly', weekday, hour, timezone: tz });
const daily = (hour: number): Schedule => ({ frequency: 'daily', weekday: null, hour, timezone: tz });
const iso = (date: Date | undefined) => date?.toISOString();

t.test('period keys are counted on the Dutch wall clock', async (t) => {
  const cases: Array<[string, Schedule, string, string]> = [
    // [now (UTC), schedule, expected key, why]
    ['2026-11-24T23:30:00Z', daily(7), '2026-11-25', 'half past midnight in Amsterdam is already the next day'],
    ['2026-06-30T22:30:00Z', daily(7), '2026-07-01', 'in summer (UTC+2) too'],
    ['2026-11-25T09:00:00Z', weekly(1, 7), '2026-W48', 'a Wednesday in week 48'],
    ['2026-11-29T22:59:59Z', weekly(1, 7), '2026-W48', 'Sunday 23:59:59 is still week 48'],
    ['2026-11-29T23:00:00Z', weekly(1, 7), '2026-W49', 'Monday 00:00 in Amsterdam starts week 49'],
    ['2026-12-31T12:00:00Z', weekly(1, 7), '2026-W53', '2026 has 53 ISO weeks'],
    ['2027-01-01T12:00:00Z', weekly(1, 7), '2026-W53', '1 January 2027 belongs to week 53 of 2026'],
    ['2027-01-04T12:00:00Z', weekly(1, 7), '2027-W01', 'the first Monday of 2027 starts its week 1'],
    ['2024-12-30T12:00:00Z', weekly(1, 7), '2025-W01', '30 December 2024 is in week 1 of 2025'],
  ];
  for (const [now, schedule, key, why] of cases) t.equal(currentPeriod(schedule, new Date(now)).key, key, why);
  t.same(isoWeek({ year: 2021, month: 1, day: 3 }), { isoYear: 2020, week: 53 });
});

t.test('due instants, including the daylight-saving edges', async (t) => {
  t.equal(iso(localTimeToInstant({ year: 2026, month: 11, day: 25 }, 7, tz)), '2026-11-25T06:00:00.000Z', 'winter: UTC+1');
  t.equal(iso(localTimeToInstant({ year: 2026, month: 7, day: 1 }, 7, tz)), '2026-07-01T05:00:00.000Z', 'summer: UTC+2');
  // Spring forward, Sunday 29 March 2026: 02:00–03:00 does not exist; 02:00 moves to 03:00 CEST.
  t.equal(iso(localTimeToInstant({ year: 2026, month: 3, day: 29 }, 2, tz)), '2026-03-29T01:00:00.000Z');
  t.equal(iso(localTimeToInstant({ year: 2026, month: 3, day: 29 }, 1, tz)), '2026-03-29T00:00:00.000Z', '01:00 CET is untouched');
  t.equal(iso(localTimeToInstant({ year: 2026, month: 3, day: 29 }, 3, tz)), '2026-03-29T01:00:00.000Z', '03:00 CEST is the same instant as the shifted 02:00');
  // Fall back, Sunday 25 October 2026: 02:00–03:00 happens twice; the first one counts.
  t.equal(iso(localTimeToInstant({ year: 2026, month: 10, day: 25 }, 2, tz)), '2026-10-25T00:00:00.000Z');
  t.equal(iso(localTimeToInstant({ year: 2026, month: 10, day: 25 }, 3, tz)), '2026-10-25T02:00:00.000Z');

  const sundayAtTwo = weekly(7, 2);
  const spring = periodFromKey(sundayAtTwo, '2026-W13');
  t.equal(iso(spring.dueAt), '2026-03-29T01:00:00.000Z', 'a weekly Sunday 02:00 digest in the spring gap is due at 03:00 CEST');
  t.equal(iso(spring.previousDueAt), '2026-03-22T01:00:00.000Z', 'and the week before at 02:00 CET');
  const autumn = periodFromKey(sundayAtTwo, '2026-W43');
  t.equal(iso(autumn.dueAt), '2026-10-25T00:00:00.000Z', 'once in the autumn overlap');
  // Each day around the switch has exactly one due instant; the day that switches is 25 (or 23) hours long.
  const around = ['2026-10-24', '2026-10-25', '2026-10-26'].map((key) => periodFromKey(daily(7), key).dueAt.getTime());
  t.same(
    [around[1]! - around[0]!, around[2]! - around[1]!].map((ms) => ms / 3_600_000),
    [25, 24],
  );
  const spring7 = ['2026-03-28', '2026-03-29', '2026-03-30'].map((key) => periodFromKey(daily(7), key).dueAt.getTime());
  t.same(
    [spring7[1]! - spring7[0]!, spring7[2]! - spring7[1]!].map((ms) => ms / 3_600_000),
    [23, 24],
  );
});

t.test('a period is due once its weekday and hour have passed, and only if it was owed', async (t) => {
  const monday7 = weekly(1, 7);
  const createdBefore = new Date('2026-01-01T00:00:00Z');
  t.equal(duePeriod(monday7, new Date('2026-11-30T05:59:59Z'), createdBefore), undefined, 'a second before 07:00 on Monday');
  t.equal(duePeriod(monday7, new Date('2026-11-30T06:00:00Z'), createdBefore)?.key, '2026-W49', 'at 07:00');
  t.equal(
    duePeriod(monday7, new Date('2026-12-03T12:00:00Z'), createdBefore)?.key,
    '2026-W49',
    'still owed later in the week (a server that was down catches up)',
  );
  t.equal(
    duePeriod(monday7, new Date('2026-12-03T12:00:00Z'), new Date('2026-12-01T09:00:00Z')),
    undefined,
    'subscribed on Tuesday: the first digest is next Monday',
  );
  t.equal(duePeriod(daily(23), new Date('2026-11-25T21:59:00Z'), createdBefore), undefined);
  t.equal(duePeriod(daily(23), new Date('2026-11-25T22:00:00Z'), createdBefore)?.key, '2026-11-25');
  t.equal(followingPeriod(monday7, periodFromKey(monday7, '2026-W53')).key, '2027-W01');
  t.equal(followingPeriod(daily(7), periodFromKey(daily(7), '2026-03-28')).key, '2026-03-29');
  t.equal(followingPeriod(daily(7), periodFromKey(daily(7), '2026-12-31')).key, '2027-01-01');
});
