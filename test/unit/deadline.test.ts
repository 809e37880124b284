import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DayOutOfRangeError, resolveDeadline, UnreadableDeadlineError } from '../../src/commands/deadline.js';
import { mtl, tempHome } from '../helpers/cli.js';

const now = new Date('2027-03-10T09:00:00');

describe('an unreadable deadline', () => {
  it('is a typed error that carries the day a phrase reads as when that day is past', async () => {
    const past = await resolveDeadline('yesterday', '2027-03-10', now).catch((e: unknown) => e);
    expect(past).toBeInstanceOf(UnreadableDeadlineError);
    expect((past as UnreadableDeadlineError).past).toBe('2027-03-09');
    const nonsense = await resolveDeadline('someday', '2027-03-10', now).catch((e: unknown) => e);
    expect(nonsense).toBeInstanceOf(UnreadableDeadlineError);
    expect((nonsense as UnreadableDeadlineError).past).toBeUndefined();
    expect(await resolveDeadline('3000-01-01', '2027-03-10', now).catch((e: unknown) => e)).toBeInstanceOf(DayOutOfRangeError);
  });

  it('reads as a start in the past for innovation plan, which names that day without the deadline wording', async () => {
    const home = tempHome();
    const r = await mtl(home, ['innovation', 'plan', 'yesterday'], { env: { MTL_NOW: '2027-03-10T09:00:00' } });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('mtl: Cannot read "yesterday" as the start of the innovation week (it reads as 2027-03-09, in the past).');
    expect(r.stderr).not.toContain('deadline');
    expect(fs.existsSync(home)).toBe(false);
  });
});
