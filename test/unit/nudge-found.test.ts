import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { foundAfterRun, foundLabel, foundSummary, mostPressing, notificationOf, notificationText } from '../../src/core/nudge-found.js';
import type { Reminder, ReminderKind } from '../../src/core/nudges.js';
import { notifierCall, sessionBus } from '../../src/commands/nudge/notify.js';

const reminder = (key: string, kind: ReminderKind, since?: string, text = `text of ${key}`): Reminder => ({ key, kind, text, why: 'why', command: `mtl ${key}`, ...(since ? { since } : {}) });

describe('the most pressing reminder', () => {
  it('is of the most important kind due, and within it the one waiting longest', () => {
    const list = [
      reminder('innovation:2027-Q1', 'innovation', '2027-01-01'),
      reminder('recognition:r1', 'recognition', '2027-02-01'),
      reminder('recognition:r2', 'recognition', '2027-01-04'),
      reminder('one-on-one:r1', 'one-on-one', '2026-12-01'),
    ];
    expect(mostPressing(list)?.key).toBe('recognition:r2');
    expect(mostPressing([...list, reminder('goal:g3', 'goal'), reminder('goal:g2', 'goal', '2027-02-10')])?.key).toBe('goal:g2');
    // A goal without `since` (due soon, checked in lately) still comes before people.
    expect(mostPressing([...list, reminder('goal:g3', 'goal')])?.key).toBe('goal:g3');
    // An overdue goal before one that has only waited longer for a check-in.
    const late = { ...reminder('goal:g5', 'goal', '2027-02-13'), overdue: true as const };
    expect(mostPressing([reminder('goal:g6', 'goal', '2027-02-03'), late])?.key).toBe('goal:g5');
  });

  it('puts a first self-assessment before everything, and a due re-assessment last', () => {
    const first = reminder('assessment', 'assessment');
    const again = reminder('assessment', 'assessment', '2026-10-01');
    const learning = reminder('learning:2027-Q1', 'learning', '2027-01-01');
    expect(mostPressing([reminder('goal:g1', 'goal', '2027-01-01'), first])).toBe(first);
    expect(mostPressing([again, learning])).toBe(learning);
  });

  it('is the first among equals, and none of none', () => {
    expect(mostPressing([reminder('action:a1', 'action', '2027-02-01'), reminder('action:a2', 'action', '2027-02-01')])?.key).toBe('action:a1');
    expect(mostPressing([])).toBeUndefined();
  });
});

describe('the notification text', () => {
  it('is one short line without control characters or direction overrides', () => {
    expect(notificationText('Al\u001b]0;pwned\u0007ice:\nnever\trecognised')).toBe('Al ]0;pwned ice: never recognised');
    expect(notificationText('\u202eevil\u202c name\u009b2J')).toBe('evil name 2J');
    expect(notificationText('x'.repeat(200), 20)).toBe(`${'x'.repeat(19)}…`);
    expect(notificationText('é'.repeat(20), 20)).toBe('é'.repeat(20));
    expect(notificationText('  spaced   out  ')).toBe('spaced out');
  });

  it('has the count in the title and the most pressing reminder in the body', () => {
    const list = [reminder('recognition:r1', 'recognition', '2027-01-04', 'Alice: never recognised.'), reminder('goal:g2', 'goal', undefined, 'Goal g2 "Roadmap": due today.')];
    expect(notificationOf(list)).toEqual({ title: 'mtl: 2 reminders due', body: 'Goal g2 "Roadmap": due today.\nand 1 more: run mtl nudge' });
    expect(notificationOf(list.slice(0, 1))).toEqual({ title: 'mtl: 1 reminder due', body: 'Alice: never recognised.\nNext: mtl recognition:r1' });
    expect(notificationOf([])).toBeUndefined();
  });
});

describe('what a scheduled run found', () => {
  const a = reminder('goal:g2', 'goal');
  const b = reminder('recognition:r1', 'recognition', '2027-01-04');
  const c = reminder('learning:2027-Q1', 'learning', '2027-01-01');
  const item = (r: Reminder) => ({ key: r.key, text: r.text, command: r.command });

  it('is what the run printed, after what an earlier unseen run found that is still due', () => {
    expect(foundAfterRun(undefined, [a, b], [a, b], '2027-02-15')).toEqual({ day: '2027-02-15', reminders: [item(a), item(b)] });
    const morning = { day: '2027-02-15', reminders: [item(a), item(b)] };
    // The afternoon run prints only what is new; b was done meanwhile.
    expect(foundAfterRun(morning, [c], [a, c], '2027-02-15')).toEqual({ day: '2027-02-15', reminders: [item(a), item(c)] });
    // A run that printed nothing keeps the record, and its day.
    expect(foundAfterRun(morning, [], [a, b], '2027-02-16')).toEqual(morning);
    // Nothing left due: nothing to show.
    expect(foundAfterRun(morning, [], [], '2027-02-16')).toBeUndefined();
    expect(foundAfterRun(undefined, [], [a], '2027-02-16')).toBeUndefined();
  });

  it('is named by its day, and says what is no longer due', () => {
    expect(foundLabel('2027-02-15', '2027-02-15')).toBe("Today's nudge");
    expect(foundLabel('2027-02-15', '2027-02-16')).toBe("Yesterday's nudge");
    expect(foundLabel('2027-02-15', '2027-02-17')).toBe("Monday's nudge");
    expect(foundLabel('2027-02-15', '2027-02-21')).toBe("Monday's nudge");
    expect(foundLabel('2027-02-15', '2027-02-22')).toBe('The nudge of 2027-02-15');
    expect(foundLabel('2027-02-15', '2027-02-14')).toBe('The nudge of 2027-02-15');
    const found = { day: '2027-02-15', reminders: [item(a), item(b), item(c)] };
    expect(foundSummary(found, '2027-02-17', [a, b, c]).heading).toBe("Monday's nudge found 3 reminders");
    const summary = foundSummary(found, '2027-02-17', [b]);
    expect(summary.heading).toBe("Monday's nudge found 3 reminders; 2 are no longer due");
    expect(summary.items.map((i) => i.stillDue)).toEqual([false, true, false]);
    expect(foundSummary(found, '2027-02-17', [a, c]).heading).toBe("Monday's nudge found 3 reminders; 1 is no longer due");
    expect(foundSummary(found, '2027-02-17', []).heading).toBe("Monday's nudge found 3 reminders; none of them is due any more");
    expect(foundSummary({ day: '2027-02-15', reminders: [item(a)] }, '2027-02-16', []).heading).toBe("Yesterday's nudge found 1 reminder; it is no longer due");
  });
});

describe('the notifier call', () => {
  const message = { title: 'mtl: 2 reminders due', body: '-Bob <b>&co</b>: never recognised.\nand 1 more: run mtl nudge' };
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('passes the text to osascript as arguments, title first, never in the script', () => {
    const call = notifierCall(message, { env: {}, platform: 'darwin' })!;
    expect(call.program).toBe('osascript');
    expect(call.args).toEqual(['-e', 'on run argv', '-e', 'display notification (item 2 of argv) with title (item 1 of argv)', '-e', 'end run', message.title, message.body]);
  });

  it('passes the text to PowerShell in the environment, never in the script', () => {
    const call = notifierCall(message, { env: { PATH: 'x' }, platform: 'win32' })!;
    expect(call.program).toBe('powershell.exe');
    expect(call.env).toEqual({ PATH: 'x', MTL_NOTIFY_TITLE: message.title, MTL_NOTIFY_TEXT: message.body });
    const script = call.args[call.args.length - 1]!;
    expect(script).toContain('$env:MTL_NOTIFY_TEXT');
    expect(script).not.toContain('Bob');
  });

  it('gives notify-send the session bus, ends its options, and escapes markup', () => {
    const call = notifierCall(message, { env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus' }, platform: 'linux' })!;
    expect(call.program).toBe('notify-send');
    expect(call.args).toEqual(['--app-name=mtl', '--', message.title, '-Bob &lt;b&gt;&amp;co&lt;/b&gt;: never recognised.\nand 1 more: run mtl nudge']);
    expect(call.env.DBUS_SESSION_BUS_ADDRESS).toBe('unix:path=/run/user/1000/bus');
  });

  it('finds the user bus socket when the environment names none (as under cron), and gives up without one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtl-bus-'));
    dirs.push(dir);
    const socket = path.join(dir, 'a bus,=;');
    expect(sessionBus({ MTL_NOTIFY_BUS: socket })).toBeUndefined();
    fs.writeFileSync(socket, '');
    expect(sessionBus({ MTL_NOTIFY_BUS: socket })).toBeUndefined(); // a plain file is no bus
    fs.rmSync(socket);
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      expect(sessionBus({ MTL_NOTIFY_BUS: socket })).toBe(`unix:path=${dir}/a%20bus%2c%3d%3b`);
      expect(notifierCall(message, { env: { MTL_NOTIFY_BUS: socket }, platform: 'linux' })?.env.DBUS_SESSION_BUS_ADDRESS).toBe(`unix:path=${dir}/a%20bus%2c%3d%3b`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(notifierCall(message, { env: { MTL_NOTIFY_BUS: socket }, platform: 'linux' })).toBeUndefined();
  });
});
