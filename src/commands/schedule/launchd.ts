import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Ctx } from '../../context.js';
import { isMtlPlist, LAUNCHD_LABEL, launchdPlist, readLaunchdPlist, withoutPlistInstalledAt } from '../../core/schedule.js';
import { UserError } from '../../errors.js';
import { writeAtomic } from '../../store/files.js';
import { shellWord } from '../../core/text.js';
import { readIfThere } from '../../store/files.js';
import { printEntryStatus, removeIfThere, runProgram, SCHEDULE_EXAMPLES, startInstall } from './common.js';

/**
 * The nudge as a launchd agent of the user (macOS): ~/Library/LaunchAgents/com.mtl.nudge.plist with
 * StartCalendarInterval, so launchd runs a nudge missed while the Mac slept when it wakes. On macOS
 * (or with MTL_LAUNCHCTL naming a stand-in, for tests) `launchctl bootstrap gui/<uid>` loads it;
 * elsewhere the file is written and mtl says how to load it.
 */

const ENTRY = 'a launchd agent';
const LOG = 'nudge.log';

/** $MTL_LAUNCHD_DIR (tests), else ~/Library/LaunchAgents. */
export function agentDir(env: Ctx['env']): string {
  const override = env.MTL_LAUNCHD_DIR?.trim();
  if (override) return path.resolve(override);
  return path.join(env.HOME || os.homedir(), 'Library', 'LaunchAgents');
}

const agentFile = (env: Ctx['env']) => path.join(agentDir(env), `${LAUNCHD_LABEL}.plist`);

export const isInstalled = (env: Ctx['env']) => fs.existsSync(agentFile(env));

/** launchctl, when it can be asked: on macOS, or the stand-in named by MTL_LAUNCHCTL. */
function launchctl(ctx: Ctx): ((args: string[]) => ReturnType<typeof runProgram>) | undefined {
  const program = ctx.env.MTL_LAUNCHCTL?.trim() || (ctx.platform === 'darwin' ? 'launchctl' : undefined);
  return program ? (args) => runProgram(program, args, ctx.env) : undefined;
}

const domain = () => `gui/${os.userInfo().uid}`;
const loadCommand = (file: string) => `launchctl bootstrap gui/$(id -u) ${shellWord(file)}`;

function installed(ctx: Ctx) {
  const file = agentFile(ctx.env);
  const text = readIfThere(file);
  if (text !== undefined && !isMtlPlist(text)) {
    throw new UserError(`${file} was not written by mtl, so mtl leaves it alone; nothing was changed.`, 'Rename or remove it yourself, then try again.');
  }
  return { file, text, found: text === undefined ? undefined : readLaunchdPlist(text) };
}

export async function install(ctx: Ctx, opts: { schedule?: string }): Promise<void> {
  const { paths, now, schedule, note } = startInstall(ctx, opts.schedule, ENTRY, installed);
  const plist = launchdPlist({ ...paths, schedule, installedAt: ctx.now.toISOString(), logFile: path.join(ctx.dataDir, LOG) });
  if (typeof plist !== 'string') throw new UserError(`${plist.error}; nothing was changed.`, SCHEDULE_EXAMPLES);
  const unchanged = now.text !== undefined && withoutPlistInstalledAt(now.text) === withoutPlistInstalledAt(plist);
  if (!unchanged) {
    try {
      fs.mkdirSync(path.dirname(now.file), { recursive: true });
      writeAtomic(now.file, plist);
    } catch (err) {
      throw new UserError(`Cannot write ${now.file}: ${(err as Error).message}.`, 'Check that folder, or run the nudge from cron: mtl schedule install --with cron');
    }
  }
  const run = launchctl(ctx);
  if (run) {
    const target = `${domain()}/${LAUNCHD_LABEL}`;
    const loaded = run(['print', target]).ok;
    if (!unchanged || !loaded) {
      // A loaded agent keeps its old schedule until it is booted out and bootstrapped again.
      if (loaded) run(['bootout', target]);
      const r = run(['bootstrap', domain(), now.file]);
      if (!r.ok) throw new UserError(`launchctl bootstrap ${domain()} failed: ${r.why}.`, `The agent is written: ${now.file}\nFix what launchctl says, then run: ${loadCommand(now.file)}`);
    }
  }
  if (unchanged) {
    ctx.io.err(`Already installed; the launchd agent is unchanged${run ? ' (and loaded)' : ''}:\n  ${now.file}\nSee when it last ran: mtl schedule status\n`);
  } else {
    ctx.io.err(
      `${now.text !== undefined ? 'Updated' : 'Installed'} the launchd agent ${LAUNCHD_LABEL}${run ? ' and loaded it' : ''}; it runs mtl nudge on "${schedule.text}":\n  ${now.file}\n` +
        (now.text !== undefined ? note : '') +
        `launchd runs a nudge missed while the Mac slept when it wakes. Its output goes to ${path.join(ctx.dataDir, LOG)}\n`,
    );
  }
  if (!run) ctx.io.err(ctx.io.color.yellow('This is not macOS, so the agent is written but not loaded.') + ` On the Mac, load it with: ${loadCommand(now.file)}\n`);
  else if (!unchanged) ctx.io.err('Check it is running: mtl schedule status\n');
}

export async function uninstall(ctx: Ctx): Promise<void> {
  const now = installed(ctx);
  if (now.text === undefined) {
    ctx.io.err(`There is no mtl agent in ${path.dirname(now.file)}; nothing to remove.\n`);
    return;
  }
  const run = launchctl(ctx);
  const target = `${domain()}/${LAUNCHD_LABEL}`;
  // Booted out only when loaded: launchctl says "No such process" otherwise.
  const loaded = run?.(['print', target]).ok;
  const out = loaded ? run!(['bootout', target]) : undefined;
  removeIfThere(now.file);
  ctx.io.err(`Removed the mtl agent${loaded && out?.ok ? ' (unloaded)' : ''}:\n  ${now.file}\nRun the nudge by hand any time: mtl nudge\n`);
  if (out && !out.ok) ctx.io.err(ctx.io.color.yellow(`launchctl bootout ${target} said: ${out.why}.`) + '\n');
}

export async function status(ctx: Ctx, opts: { json?: boolean }): Promise<void> {
  const now = installed(ctx);
  const run = now.found ? launchctl(ctx) : undefined;
  const loaded = run?.(['print', `${domain()}/${LAUNCHD_LABEL}`]).ok;
  printEntryStatus(
    ctx,
    {
      scheduler: 'launchd',
      title: 'launchd',
      installed: Boolean(now.found),
      running: loaded === undefined ? undefined : { ok: loaded, text: loaded ? 'loaded' : `not loaded: ${loadCommand(now.file)}` },
      schedule: now.found?.schedule,
      files: [now.file],
      installedAt: now.found?.installedAt,
      dataDir: now.found?.dataDir,
      log: now.found?.logFile,
      checkHint: `see the log ${now.found?.logFile ?? path.join(ctx.dataDir, LOG)}, and launchctl print ${domain()}/${LAUNCHD_LABEL}\n`,
      installHint: 'Install it: mtl schedule install --with launchd   (every Monday at 09:00; --schedule to change)\n',
    },
    opts,
  );
}
