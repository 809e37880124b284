import fs from 'node:fs';
import path from 'node:path';
import { DataError } from '../errors.js';
import { acquireLock, ensureDataDir, reason, writeAtomic } from './atomic.js';
import { emptyNudgeState, type NudgeState } from './schema.js';

export const NUDGE_STATE_FILE = 'nudge.json';

/**
 * The nudge's memory (last run, reminders shown today, mindset prompts used) lives in its own small
 * file: a weekly cron run then writes a few hundred bytes instead of the whole data document.
 */
export function readNudgeState(dir: string): NudgeState {
  const file = path.join(dir, NUDGE_STATE_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyNudgeState();
    throw new DataError(`Cannot read ${file}: ${reason(err)}.`);
  }
  // Written without a flush to the disk (below), so a power cut can leave it empty or zero-filled:
  // a fresh start.
  if (/^[\s\0]*$/.test(text)) return emptyNudgeState();
  try {
    const isMap = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
    const raw: unknown = JSON.parse(text);
    if (!isMap(raw)) throw new Error('it does not hold a JSON object');
    const state: NudgeState = { ...emptyNudgeState(), ...(raw as Partial<NudgeState>) };
    if (!isMap(state.shown) || !isMap(state.prompts)) throw new Error('"shown" and "prompts" should be objects');
    if (state.lastRunAt !== undefined && Number.isNaN(Date.parse(state.lastRunAt))) throw new Error(`"lastRunAt" is not a date-time: ${JSON.stringify(state.lastRunAt)}`);
    return state;
  } catch (err) {
    throw new DataError(
      `${file} is damaged: ${(err as Error).message}\nmtl has not changed it.`,
      `It only remembers when the nudge last ran; remove it (rm '${file}') and the next nudge starts afresh.`,
    );
  }
}

/** A locked read-modify-write of the nudge state, like updateData for the data document. */
export async function updateNudgeState<T>(dir: string, change: (state: NudgeState) => T): Promise<T> {
  ensureDataDir(dir);
  const file = path.join(dir, NUDGE_STATE_FILE);
  const release = await acquireLock(file);
  try {
    const state = readNudgeState(dir);
    const result = change(state);
    // Not flushed to the disk (1-2 ms of every nudge): it only remembers when the nudge ran and what
    // it showed, and losing that costs at most a reminder shown twice.
    writeAtomic(file, JSON.stringify(state) + '\n', { durable: false });
    return result;
  } finally {
    await release().catch(() => undefined);
  }
}
