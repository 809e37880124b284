import { spawn } from 'node:child_process';
import type { Ctx } from '../context.js';
import { UserError } from '../errors.js';

/**
 * Opens `file` in $VISUAL, else $EDITOR (split on spaces, so `code -w` works), on the terminal, and
 * waits for it to close. `retry` is the command to run again once an editor is set. A `temporary`
 * file is the caller's to remove when this fails, so the messages do not send the user to it.
 */
export async function openInEditor(ctx: Ctx, file: string, retry: string, { temporary = false } = {}): Promise<void> {
  const where = temporary ? 'Nothing was changed.' : `The file is ${file}`;
  const editor = (ctx.env.VISUAL?.trim() || ctx.env.EDITOR?.trim() || '').split(/\s+/).filter(Boolean);
  const [command, ...args] = editor;
  if (!command) {
    throw new UserError(`No editor set: $VISUAL and $EDITOR are both empty. ${where}`, `Set one, e.g. export EDITOR=nano (or EDITOR="code -w"), then run: ${retry}`);
  }
  if (!ctx.io.stdinIsTTY) {
    // A terminal editor started from cron or a pipe cannot be used and may garble the output.
    throw new UserError(`No terminal to open an editor on. ${where}`, temporary ? 'Run this command in a terminal.' : 'Open it in your editor yourself, or run this command in a terminal.');
  }
  ctx.io.holdInterrupts?.(true);
  let endedBy: NodeJS.Signals | null = null;
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(command, [...args, file], { env: ctx.env, stdio: 'inherit' });
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(
        new UserError(
          `Cannot start the editor "${command}": ${err.code === 'ENOENT' ? 'no such program' : err.code ?? err.message}. ${where}`,
          'Check $VISUAL / $EDITOR, e.g. export EDITOR=nano',
        ),
      ),
    );
    child.on('close', (status, signal) => {
      endedBy = signal;
      resolve(status ?? (signal ? 1 : 0));
    });
  }).finally(() => ctx.io.holdInterrupts?.(false, endedBy));
  if (code !== 0) throw new UserError(`The editor "${editor.join(' ')}" exited with code ${code}.`, where);
}
