import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, mtl, ok, readNudgeState, ROOT, tempHome } from '../helpers/cli.js';
import { writeStore } from '../helpers/store-fixture.js';
import { realCrontabAllowed, realCrontabSkipReason, useRealCrontab } from '../cron/real-crontab.js';

const BEGIN = '# >>> mtl nudge (managed by mtl; edit with mtl cron) >>>';
const END = '# <<< mtl nudge <<<';
const FAKE = path.join(ROOT, 'test', 'helpers', 'fake-crontab.sh');
const OTHER_LINES = 'MAILTO=me@example.com\n# nightly backup  \n30 2 * * * /usr/local/bin/backup --quiet 2>&1 | logger -t backup\n\n@reboot echo "up" >> /tmp/boot.log\n';

/** A data folder and a fake crontab (a file) that the fake crontab program reads and writes. */
function setup(initial?: string) {
  const home = tempHome();
  const file = path.join(path.dirname(home), 'crontab');
  if (initial !== undefined) fs.writeFileSync(file, initial);
  const env = (extra: Record<string, string> = {}) => ({ env: { MTL_CRONTAB: FAKE, FAKE_CRONTAB_FILE: file, ...extra } });
  return { home, file, env, crontab: () => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined) };
}

const blocks = (text: string) => text.split('\n').filter((l) => l === BEGIN).length;

describe('mtl cron with a stand-in crontab program', () => {
  it('refuses a data folder whose name holds a line break, which would add a crontab line of its own', async () => {
    const t = setup(OTHER_LINES);
    const home = `${t.home}\n* * * * * touch /tmp/mtl-cron-injected #`;
    const r = await mtl(home, ['cron', 'install'], t.env());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('holds a line break (\\n), which a crontab line cannot hold safely; nothing was changed.');
    expect(t.crontab()).toBe(OTHER_LINES);
  });

  it('installs one marked block with absolute paths, once, keeping every other line', async () => {
    const t = setup(OTHER_LINES);
    const r = await mtl(t.home, ['cron', 'install'], t.env());
    expect(r.code).toBe(0);
    const line = `0 9 * * 1 MTL_HOME='${t.home}' '${fs.realpathSync(process.execPath)}' '${fs.realpathSync(BIN)}' nudge --notify`;
    expect(r.stderr).toContain(`Installed the mtl block in your crontab; cron will run:\n  ${line}\n`);
    const after = t.crontab()!;
    expect(after.startsWith(OTHER_LINES)).toBe(true);
    expect(after.slice(OTHER_LINES.length).split('\n')).toEqual([BEGIN, expect.stringMatching(/^# installed \d{4}-\d\d-\d\dT.*; see it with: mtl cron status$/), line, END, '']);

    const again = await mtl(t.home, ['cron', 'install'], t.env());
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('Already installed; your crontab is unchanged');
    expect(t.crontab()).toBe(after);

    await ok(t.home, ['cron', 'install', '--schedule', '30 8 * * 1-5'], t.env());
    const changed = t.crontab()!;
    expect(blocks(changed)).toBe(1);
    expect(changed).toContain(`\n30 8 * * 1-5 MTL_HOME='${t.home}'`);
    expect(changed.startsWith(OTHER_LINES)).toBe(true);
  });

  it('uninstalls only its block, giving back the crontab byte for byte', async () => {
    const t = setup(OTHER_LINES);
    await ok(t.home, ['cron', 'install'], t.env());
    fs.appendFileSync(t.file, '15 * * * * added-later\n');
    const r = await mtl(t.home, ['cron', 'uninstall'], t.env());
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Removed the mtl block from your crontab');
    expect(t.crontab()).toBe(`${OTHER_LINES}15 * * * * added-later\n`);
    const again = await mtl(t.home, ['cron', 'uninstall'], t.env());
    expect(again).toMatchObject({ code: 0, stderr: 'There is no mtl block in your crontab; nothing to remove.\n' });
  });

  it('installs into an empty crontab ("no crontab for ...")', async () => {
    const t = setup();
    await ok(t.home, ['cron', 'install'], t.env());
    expect(t.crontab()!.startsWith(`${BEGIN}\n`)).toBe(true);
    // Uninstalling leaves no empty crontab behind: there was none before.
    expect((await mtl(t.home, ['cron', 'uninstall'], t.env())).stderr).toContain('Removed the mtl block, and with it your crontab, which held nothing else.');
    expect(t.crontab()).toBeUndefined();
  });

  it('refuses a bad schedule, naming the field, and leaves the crontab alone', async () => {
    const t = setup(OTHER_LINES);
    const r = await mtl(t.home, ['cron', 'install', '--schedule', '0 25 * * 1'], t.env());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('mtl: In "0 25 * * 1", the hour field "25" should be * or numbers 0-23');
    expect(r.stderr).toContain('For example --schedule "0 9 * * 1"');
    expect((await mtl(t.home, ['cron', 'install', '--schedule', '@reboot'], t.env())).stderr).toContain('has 1 field');
    // Well formed, but no month has a 30th of February: installed, it would never nudge.
    const never = await mtl(t.home, ['cron', 'install', '--schedule', '0 9 30 2 *'], t.env());
    expect(never.code).toBe(1);
    expect(never.stderr).toMatch(/^mtl: "0 9 30 2 \*" does not come round in the next eight years \(a day no month has, or a 29th of February on one weekday\), so the nudge would not run\.\nFor example --schedule/);
    expect(t.crontab()).toBe(OTHER_LINES);
    // One set by hand is shown for what it is.
    await ok(t.home, ['cron', 'install'], t.env());
    fs.writeFileSync(t.file, t.crontab()!.replace(/^0 9 \* \* 1 /m, '0 9 31 4 * '));
    const status = await ok(t.home, ['cron', 'status'], t.env());
    expect(status).toContain('schedule    0 9 31 4 *\n');
    expect(status).toContain('next nudge  not in the next eight years: the schedule names a day that does not come round; set another with --schedule\n');
  });

  it('writes a line that cron can run as it stands', async () => {
    const t = setup('');
    writeStore(t.home);
    await ok(t.home, ['cron', 'install', '--schedule', '* * * * *'], t.env());
    const line = t.crontab()!.split('\n').find((l) => l.startsWith('* * * * * '))!;
    const command = line.slice('* * * * * '.length).replace(/\\%/g, '%');
    const r = spawnSync('/bin/sh', ['-c', command], { env: { PATH: '/usr/bin:/bin', MTL_NOW: '2027-02-15T09:00:00', ...(process.env.TZ ? { TZ: process.env.TZ } : {}) }, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('mtl nudge for 2027-02-15');
    expect(readNudgeState(t.home).lastRunAt).toBe(new Date(2027, 1, 15, 9).toISOString());
  });

  it('status shows the schedule, the line and the last nudge', async () => {
    const t = setup(OTHER_LINES);
    expect(await mtl(t.home, ['cron', 'status'], t.env())).toMatchObject({ code: 0, stdout: `cron        not installed\ndata        ${t.home}\nlast nudge  never\n` });
    await ok(t.home, ['cron', 'install'], t.env({ MTL_NOW: '2027-02-10T12:00:00' }));
    await ok(t.home, ['nudge'], t.env({ MTL_NOW: '2027-02-15T09:00:00' }));
    const r = await mtl(t.home, ['cron', 'status'], t.env({ MTL_NOW: '2027-02-18T10:00:00' }));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'cron        installed',
        'schedule    0 9 * * 1',
        `line        ${t.crontab()!.split('\n').find((l) => l.startsWith('0 9 * * 1'))}`,
        'installed   2027-02-10 12:00',
        `data        ${t.home}`,
        'next nudge  2027-02-22 09:00',
        'last nudge  3 days ago (2027-02-15 09:00)',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('');
    const json = JSON.parse(await ok(t.home, ['cron', 'status', '--json'], t.env({ MTL_NOW: '2027-02-18T10:00:00' })));
    expect(json).toMatchObject({ installed: true, schedule: '0 9 * * 1', dataDir: t.home, lastRunAt: new Date(2027, 1, 15, 9).toISOString(), nextRunAt: new Date(2027, 1, 22, 9).toISOString(), cronSeemsDown: false, missedRunAt: null, crontabProgram: FAKE });
  });

  it('status says kindly when cron seems not to be running', async () => {
    const t = setup('');
    await ok(t.home, ['cron', 'install'], t.env({ MTL_NOW: '2027-02-10T12:00:00' }));
    await ok(t.home, ['nudge'], t.env({ MTL_NOW: '2027-02-15T09:00:00' }));
    const onTime = await mtl(t.home, ['cron', 'status'], t.env({ MTL_NOW: '2027-02-22T09:30:00' }));
    expect(onTime.stderr).toBe('');
    const late = await mtl(t.home, ['cron', 'status'], t.env({ MTL_NOW: '2027-02-22T10:30:00' }));
    expect(late.code).toBe(0);
    expect(late.stdout).toContain('last nudge  7 days ago (2027-02-15 09:00)');
    expect(late.stderr).toContain('cron seems not to be running: the nudge due 2027-02-22 09:00 has no recorded run.');
    expect(late.stderr).toContain('If the machine was asleep then, no harm done');
    const json = JSON.parse(await ok(t.home, ['cron', 'status', '--json'], t.env({ MTL_NOW: '2027-02-22T10:30:00' })));
    expect(json).toMatchObject({ cronSeemsDown: true, missedRunAt: new Date(2027, 1, 22, 9).toISOString() });
  });

  it('status does not call a run recorded in the future (a preview with MTL_NOW) "just now"', async () => {
    const t = setup('');
    await ok(t.home, ['cron', 'install'], t.env({ MTL_NOW: '2027-02-10T12:00:00' }));
    await ok(t.home, ['nudge'], t.env({ MTL_NOW: '2027-12-21T09:00:00' }));
    const r = await mtl(t.home, ['cron', 'status'], t.env({ MTL_NOW: '2027-02-22T10:30:00' }));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('last nudge  in the future (a preview with MTL_NOW?) (2027-12-21 09:00)\n');
    expect(r.stdout).not.toContain('just now');
    // Nor does that future run hide a missed one.
    expect(r.stderr).toContain('cron seems not to be running: the nudge due 2027-02-22 09:00 has no recorded run.');
  });

  it('without a crontab program, says so and prints the line to add by hand', async () => {
    const t = setup();
    const missing = { env: { MTL_CRONTAB: path.join(path.dirname(t.home), 'no-such-crontab') } };
    for (const args of [['cron', 'install'], ['cron', 'status'], ['cron', 'uninstall']]) {
      const r = await mtl(t.home, args, missing);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toContain('program found, so mtl cannot edit your crontab.');
      expect(r.stderr).toContain(`or add this line to your scheduler by hand:\n  0 9 * * 1 MTL_HOME='${t.home}' '`);
    }
    expect(JSON.parse((await mtl(t.home, ['cron', 'status', '--json'], missing)).stdout)).toMatchObject({ crontabProgram: null, installed: false, lineToAdd: expect.stringContaining(' nudge') });
  });

  it('refuses to edit a crontab with a broken mtl block', async () => {
    const t = setup(`${OTHER_LINES}${BEGIN}\n0 9 * * 1 something\n`);
    const r = await mtl(t.home, ['cron', 'install'], t.env());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Your crontab looks hand-edited: it has an mtl begin marker');
    expect(t.crontab()).toBe(`${OTHER_LINES}${BEGIN}\n0 9 * * 1 something\n`);
  });
});

/**
 * Against the real crontab program. It edits the crontab of the user running the tests, so it runs
 * only when CI is set or MTL_TEST_REAL_CRONTAB=1, and puts the crontab back as it found it.
 */
describe.runIf(realCrontabAllowed)(`mtl cron with the real crontab program${realCrontabSkipReason ? ` (${realCrontabSkipReason})` : ''}`, () => {
  useRealCrontab();
  const real = () => spawnSync('crontab', ['-l'], { encoding: 'utf8' }).stdout;
  const env = { env: { MTL_CRONTAB: undefined } };

  it('install twice leaves one block; other lines survive; uninstall removes only the block', async () => {
    const home = tempHome();
    const mine = '# a line of my own  \n17 3 * * 0 /bin/true --not-mtl\n';
    expect(spawnSync('crontab', ['-'], { input: mine }).status).toBe(0);
    await ok(home, ['cron', 'install'], env);
    await ok(home, ['cron', 'install'], env);
    const installed = real();
    expect(blocks(installed)).toBe(1);
    expect(installed.startsWith(mine)).toBe(true);
    expect(installed).toContain(`0 9 * * 1 MTL_HOME='${home}'`);
    expect(await ok(home, ['cron', 'status'], env)).toContain('cron        installed');
    await ok(home, ['cron', 'uninstall'], env);
    expect(real()).toBe(mine);
  });
});
