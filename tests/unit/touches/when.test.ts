import { describe, expect, it } from 'vitest';
import { countdown, whenLabel } from '@/lib/touches';

const MIN = 60_000;
const HOUR = 3_600_000;
const NOW = Date.parse('2026-03-03T15:00:00Z'); // Tue 10:00 New York
const NY = 'America/New_York';

describe('whenLabel', () => {
  it.each([
    [-12 * MIN, -MIN, '12 min late', 'late'],
    [-26 * HOUR, -HOUR, '26 hr late', 'late'],
    // Rounded like every other coarse duration: 1 h 50 min late reads "2 h", not "1 h".
    [-110 * MIN, -MIN, '2 hr late', 'late'],
    [-3 * 24 * HOUR, -HOUR, '3 days late', 'late'],
    [-20_000, HOUR, 'due now', 'due'],
    [-40 * MIN, HOUR, 'due 40 min ago', 'due'],
    [25 * MIN, HOUR, 'in 25 min', 'soon'],
    [3 * HOUR, 5 * HOUR, 'in 3 hr', 'soon'],
    [4.5 * HOUR, 6 * HOUR, 'due 2:30 PM', 'later'],
    [23 * HOUR, 25 * HOUR, 'tomorrow 9:00 AM', 'later'],
    [47 * HOUR, 49 * HOUR, 'Thu 9:00 AM', 'later'],
  ])('due %i, deadline %i -> %s', (due, deadline, text, tone) => {
    expect(whenLabel({ dueAt: NOW + due, deadlineAt: NOW + deadline }, NOW, NY)).toEqual({ text, tone });
  });

  it('reads the clock in the rep zone', () => {
    expect(whenLabel({ dueAt: NOW + 5 * HOUR, deadlineAt: NOW + 6 * HOUR }, NOW, 'Europe/Berlin').text).toBe(
      'due 9:00 PM',
    );
  });
});

describe('countdown', () => {
  it('counts down mm:ss and flips once passed', () => {
    expect(countdown(NOW + 4 * MIN + 5_000, NOW)).toEqual({ text: '04:05', passed: false });
    expect(countdown(NOW, NOW)).toEqual({ text: '-00:00', passed: true });
    expect(countdown(NOW - 61_000, NOW)).toEqual({ text: '-01:01', passed: true });
    expect(countdown(NOW + HOUR + 2 * MIN + 3_000, NOW)).toEqual({ text: '1:02:03', passed: false });
  });
});
