import fs from 'node:fs';
import type { Ctx } from '../../context.js';
import { UserError } from '../../errors.js';
import { openStore } from '../../store/store.js';
import { openInEditor } from '../editor.js';
import { findGoal } from './lookup.js';

/** Opens the goal's file in $VISUAL, else $EDITOR, and waits. */
export async function open(ctx: Ctx, id: string): Promise<void> {
  const goal = findGoal((await openStore(ctx.dataDir)).goals, id);
  if (!fs.existsSync(goal.file)) {
    throw new UserError(`The file of ${goal.id} "${goal.title}" is gone: ${goal.file}`, 'Restore it from a backup; mtl keeps the goal\'s dates, status and check-ins either way (mtl goals list).');
  }
  await openInEditor(ctx, goal.file, `mtl goals open ${goal.id}`);
}
