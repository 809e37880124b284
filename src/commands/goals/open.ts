import { spawn } from 'node:child_process';
import fs from 'node:fs';
import type { Ctx } from '../../context.js';
import { UserError } from '../../errors.js';
import { openStore } from '../../store/store.js';
import { findGoal } from './lookup.js';

/** Opens the goal's file in $VISUAL, else $EDITOR (split on spaces, so `code -w` works), and waits. */
export async function open(ctx: Ctx, id: string): Promise<void> {
  const goal = findGoal((await openStore(ctx.dataDir)).goals, id);
  if (!fs.existsSync(goal.file)) {
    throw new UserError(`The file of ${goal.id} "${goal.title}" is gone: ${goal.file}`, 'Restore it from a backup; mtl keeps the goal\'s dates, status and check-ins either way (mtl goals list).');
  }
  const editor = (ctx.env.VISUAL?.trim() || ctx.env.EDITOR?.trim() || '').split(/\s+/).filter(Boolean);
  const [command, ...args] = editor;
  if (!command) {
    throw new UserError(`No editor set: $VISUAL and $EDITOR are both empty. The file is ${goal.file}`, 'Set one, e.g. export EDITOR=nano (or EDITOR="code -w"), then run: mtl goals open ' + goal.id);
  }
  if (!ctx.io.stdinIsTTY) {
    // A terminal editor started from cron or a pipe cannot be used and may garble the output.
    throw new UserError(`No terminal to open an editor on. The file is ${goal.file}`, 'Open it in your editor yourself, or run this command in a terminal.');
  }
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(command, [...args, goal.file], { env: ctx.env, stdio: 'inherit' });
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(
        new UserError(
          `Cannot start the editor "${command}": ${err.code === 'ENOENT' ? 'no such program' : err.code ?? err.message}. The file is ${goal.file}`,
          'Check $VISUAL / $EDITOR, e.g. export EDITOR=nano',
        ),
      ),
    );
    child.on('close', (status, signal) => resolve(status ?? (signal ? 1 : 0)));
  });
  if (code !== 0) throw new UserError(`The editor "${editor.join(' ')}" exited with code ${code}.`, `The file is ${goal.file}`);
}
