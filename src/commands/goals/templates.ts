import type { Ctx } from '../../context.js';
import { printJson, renderTable } from '../../ui/output.js';
import { loadTemplates, userTemplatesDir } from './template-files.js';

export async function templates(ctx: Ctx, opts: { json?: boolean }): Promise<void> {
  const set = loadTemplates(ctx.dataDir);
  for (const s of set.skipped) ctx.io.err(ctx.io.color.yellow(`Skipped template ${s}.`) + '\n');
  if (opts.json) {
    printJson(
      ctx.io,
      set.templates.map((t) => ({ name: t.name, title: t.title, description: t.description, due: t.due, metrics: t.metrics, source: t.source, path: t.path })),
    );
    return;
  }
  const { io } = ctx;
  const rows = set.templates.map((t) => [t.name, t.source === 'user' ? io.color.cyan('user') : io.color.dim('built-in'), t.description || t.title]);
  io.out(renderTable(io, ['name', 'source', 'description'], rows));
  if (io.stdoutIsTTY) {
    io.out(`\nStart one: mtl goals new --template <name>\nYour own: add <name>.md to ${userTemplatesDir(ctx.dataDir)} (same name as a built-in overrides it).\n`);
  }
}
