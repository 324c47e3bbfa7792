import { expect, it } from 'vitest';
import {
  type Activity,
  adjustForSource,
  type Channel,
  computeMetrics,
  type Enrolment,
  getBuiltInPlaybook,
  LEAD_SOURCES,
  planTouches,
} from '@/lib/cadence';
import { median, record } from './record';

const DAY = 86_400_000;
const START = Date.parse('2026-03-01T00:00:00Z');

/** Small deterministic PRNG so every run measures the same data. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

it('engine.plan.perEnrolment', () => {
  const steps = adjustForSource(getBuiltInPlaybook('seven-touch-14-day')!.steps, 'web-form');
  const zones = ['America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe'];
  const rand = rng(1);
  const batch = 200;
  const samples: number[] = [];
  // Warm-up lets the JIT and the offset memo settle, as in a long-lived service worker.
  for (let i = 0; i < 2_000; i++) {
    planTouches({
      steps,
      enrolledAt: new Date(START + rand() * 60 * DAY),
      timeZone: zones[i % zones.length]!,
    });
  }
  for (let round = 0; round < 50; round++) {
    const inputs = Array.from({ length: batch }, (_, i) => ({
      steps,
      enrolledAt: new Date(START + Math.floor(rand() * 365 * DAY)),
      timeZone: zones[i % zones.length]!,
    }));
    const t0 = performance.now();
    for (const input of inputs) planTouches(input);
    samples.push(((performance.now() - t0) * 1000) / batch);
  }
  const value = median(samples);
  record({ name: 'engine.plan.perEnrolment', value, unit: 'us', budget: 50 });
  expect(value).toBeGreaterThan(0);
});

it('engine.metrics.100k', () => {
  const rand = rng(2);
  const channels: Channel[] = ['sms', 'email', 'call', 'voicemail', 'linkedin'];
  const enrolments: Pick<Enrolment, 'id' | 'contactId' | 'source' | 'enrolledAt'>[] = [];
  const activities: Activity[] = [];
  let id = 0;
  while (activities.length < 100_000) {
    id++;
    const enrolledAt = START + Math.floor(rand() * 60 * DAY);
    enrolments.push({ id, contactId: id, source: LEAD_SOURCES[id % LEAD_SOURCES.length]!, enrolledAt });
    let at = enrolledAt + Math.floor(rand() * 600_000);
    for (let step = 1; step <= 7 && activities.length < 100_000; step++) {
      const channel = channels[Math.floor(rand() * channels.length)]!;
      activities.push({ kind: 'touch-done', at, enrolmentId: id, contactId: id, step, channel });
      const r = rand();
      if (r < 0.08) {
        activities.push({ kind: 'reply', at: at + 3_600_000, enrolmentId: id, contactId: id });
        if (r < 0.03) activities.push({ kind: 'booked', at: at + 7_200_000, enrolmentId: id, contactId: id });
        break;
      }
      if (r > 0.99) {
        activities.push({
          kind: 'opted-out',
          at: at + 60_000,
          enrolmentId: id,
          contactId: id,
          channel: 'sms',
        });
        break;
      }
      at += Math.floor(1 + rand() * 3) * DAY;
      if (step === 7) activities.push({ kind: 'completed', at, enrolmentId: id, contactId: id });
    }
  }
  activities.length = 100_000;
  // Logs come back from the database in time order.
  activities.sort((a, b) => a.at - b.at);
  const input = { from: START + 7 * DAY, to: START + 60 * DAY, activities, enrolments };
  computeMetrics(input);
  const samples: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    computeMetrics(input);
    samples.push(performance.now() - t0);
  }
  const value = median(samples);
  record({ name: 'engine.metrics.100k', value, unit: 'ms', budget: 300 });
  expect(value).toBeGreaterThan(0);
});
