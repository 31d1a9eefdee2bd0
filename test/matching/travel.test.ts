import t from 'tap';
import type { Shift } from '../../src/schemas/schedule.js';
import { haversineKm, publicTransportRuns, travelForShift, travelMinutes } from '../../src/matching/travel.js';
import { WORKPLACE, northOfWorkplace } from './builders.js';

t.test('haversine distance', async (t) => {
  const tilburg = { latitude: 51.5606, longitude: 5.0919 };
  const eindhoven = { latitude: 51.4416, longitude: 5.4697 };
  const km = haversineKm(tilburg, eindhoven);
  t.ok(km > 28.5 && km < 29.5, `Tilburg–Eindhoven ${km.toFixed(2)} km`);
  t.equal(haversineKm(tilburg, tilburg), 0);
  t.ok(Math.abs(haversineKm(WORKPLACE, northOfWorkplace(10)) - 10) < 0.01, '10 km north');
});

t.test('door-to-door minutes per mode (detour 1.3)', async (t) => {
  const cases: Array<[Parameters<typeof travelMinutes>[0], number, number]> = [
    ['walk', 4.5, 78], // 4.5 km × 1.3 at 4.5 km/h
    ['bike', 5, 26],
    ['ebike', 5, 20],
    ['moped', 5, 16],
    ['car', 10, 22], // 17.3 + 5 parking
    ['public_transport', 10, 51], // 39 + 12 waiting and walking
    ['bike', 0, 0],
    ['car', 0, 5],
  ];
  for (const [mode, km, minutes] of cases) t.equal(travelMinutes(mode, km), minutes, `${mode} ${km} km`);
});

t.test('public transport runs between 06:30 and 00:30, never for night shifts', async (t) => {
  const cases: Array<[Pick<Shift, 'dayPart' | 'start' | 'end'>, boolean]> = [
    [{ dayPart: 'day', start: '08:00', end: '16:30' }, true],
    [{ dayPart: 'early', start: '06:00', end: '14:00' }, false],
    [{ dayPart: 'early', start: '06:30', end: '14:30' }, true],
    [{ dayPart: 'late', start: '16:00', end: '00:30' }, true],
    [{ dayPart: 'late', start: '17:00', end: '00:45' }, false],
    [{ dayPart: 'late', start: '15:00', end: '23:59' }, true],
    [{ dayPart: 'night', start: '20:00', end: '23:30' }, false],
    [{ dayPart: 'night', start: '22:00', end: '06:00' }, false],
  ];
  for (const [shift, runs] of cases) t.equal(publicTransportRuns(shift), runs, `${shift.dayPart} ${shift.start}–${shift.end}`);
});

t.test('the best mode for a shift, and whether a pending mode would reach it', async (t) => {
  const night = { dayPart: 'night', start: '22:00', end: '06:00' } as const;
  const day = { dayPart: 'day', start: '08:00', end: '16:30' } as const;
  const from = northOfWorkplace(8);
  const mobility = {
    modes: ['public_transport', 'walk'] as const,
    maxTravelMinutes: 45,
    pendingModes: [{ mode: 'ebike' as const, action: 'E-bike lenen' }],
  };
  const byDay = travelForShift({ from, to: WORKPLACE, shift: day, mobility: { ...mobility, modes: [...mobility.modes] } });
  t.same(byDay.best, { mode: 'public_transport', minutes: 43 });
  t.equal(byDay.reachable, true);
  t.same(byDay.pending, { mode: 'ebike', minutes: 31, action: 'E-bike lenen' }, 'faster, so worth mentioning');
  t.equal(byDay.reachableWithPending, false, 'already reachable');

  const byNight = travelForShift({ from, to: WORKPLACE, shift: night, mobility: { ...mobility, modes: [...mobility.modes] } });
  t.same(byNight.best, { mode: 'walk', minutes: 139 });
  t.equal(byNight.reachable, false);
  t.equal(byNight.reachableWithPending, true);

  const nothing = travelForShift({ from, to: WORKPLACE, shift: null, mobility: { modes: [], maxTravelMinutes: 45, pendingModes: [] } });
  t.same(nothing, { best: null, reachable: false, pending: null, reachableWithPending: false });
});
