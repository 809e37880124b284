import fs from 'node:fs';
import path from 'node:path';
import { isDay } from '../../core/dates.js';
import { emptyNudgeState, type NudgeFound, type NudgeState } from '../../core/model.js';
import { damagedFile } from '../../errors.js';
import { readIfThere, writeAtomic } from '../../store/files.js';
import { withLock } from '../../store/lock.js';

export const NUDGE_STATE_FILE = 'nudge.json';

/**
 * The nudge's memory (last run, reminders shown today, mindset prompts used, what scheduled runs found
 * that no one has seen yet), `nudge.json`: a small file of its own, written under the data folder's
 * lock, so a weekly cron run touches nothing else.
 */
export function readNudgeState(dir: string): NudgeState {
  const file = path.join(dir, NUDGE_STATE_FILE);
  // Not a plain file (a folder, a pipe): refused, with what to do, never waited on.
  const text = readIfThere(file);
  if (text === undefined) return emptyNudgeState();
  // Written without a flush to the disk (below), so a power cut can leave it empty or zero-filled:
  // a fresh start.
  if (/^[\s\0]*$/.test(text)) return emptyNudgeState();
  try {
    const isMap = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
    const raw: unknown = JSON.parse(text);
    if (!isMap(raw)) throw new Error('it does not hold a JSON object');
    const state: NudgeState = { ...emptyNudgeState(), ...(raw as Partial<NudgeState>) };
    if (!isMap(state.shown) || !isMap(state.prompts)) throw new Error('"shown" and "prompts" should be objects');
    if (!Object.values(state.shown).every((day) => typeof day === 'string')) throw new Error('each value of "shown" should be a day');
    if (!Object.values(state.prompts).every((ids) => Array.isArray(ids) && ids.every((id) => typeof id === 'string'))) throw new Error('each value of "prompts" should be a list of prompt ids');
    if (state.lastRunAt !== undefined && Number.isNaN(Date.parse(state.lastRunAt))) throw new Error(`"lastRunAt" is not a date-time: ${JSON.stringify(state.lastRunAt)}`);
    if (state.found !== undefined) {
      const { day, reminders } = (isMap(state.found) ? state.found : {}) as Partial<NudgeFound>;
      if (typeof day !== 'string' || !isDay(day)) throw new Error('"found" should hold the "day" of a scheduled run');
      const isText = (v: unknown) => typeof v === 'string';
      if (!Array.isArray(reminders) || !reminders.every((r) => isMap(r) && isText(r.key) && isText(r.text) && isText(r.command))) throw new Error('"found.reminders" should be a list of reminders, each with a key, a text and a command');
    }
    return state;
  } catch (err) {
    throw damagedFile(file, (err as Error).message, `It only remembers when the nudge last ran; remove it (rm '${file}') and the next nudge starts afresh.`);
  }
}

/** A locked read-modify-write of the nudge state, waiting for the lock at most `waitMs`. */
export async function updateNudgeState<T>(dir: string, change: (state: NudgeState) => T, waitMs?: number): Promise<T> {
  return withLock(
    dir,
    (lock) => {
      const state = readNudgeState(dir);
      const result = change(state);
      lock.verify();
      writeNudgeState(dir, state);
      return result;
    },
    waitMs,
  );
}

/**
 * Not flushed to the disk (1-2 ms of every nudge): it only remembers when the nudge ran and what it
 * showed, and losing that costs at most a reminder shown twice.
 */
function writeNudgeState(dir: string, state: NudgeState): void {
  writeAtomic(path.join(dir, NUDGE_STATE_FILE), JSON.stringify(state) + '\n', { durable: false });
}

/**
 * Forgets what the nudge showed about a report (after a purge), and what scheduled runs found: the
 * texts of reminders about action items, 1:1s and praise may name them, and the record is only a
 * courtesy (the next run finds what is still due).
 */
export async function forgetReport(dir: string, memberId: string): Promise<void> {
  if (!fs.existsSync(path.join(dir, NUDGE_STATE_FILE))) return;
  await updateNudgeState(dir, (state) => {
    state.shown = Object.fromEntries(Object.entries(state.shown).filter(([key]) => key.split(':')[1] !== memberId));
    delete state.found;
  });
}
