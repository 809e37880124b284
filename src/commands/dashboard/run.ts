import type { Ctx } from '../../context.js';
import { readData } from '../../store/file-store.js';
import { maybeHint } from '../hint.js';

export async function dashboard(ctx: Ctx): Promise<void> {
  const data = readData(ctx.dataDir);
  const c = ctx.io.color;
  const latest = data.assessments[data.assessments.length - 1];
  if (!latest) {
    ctx.io.out(
      [
        c.bold('Welcome to mtl, a coach for managing through leadership.'),
        '',
        'Three steps: test how you lead today, set goals that measure the new job, practise every week.',
        'Start with the five-minute self-assessment:',
        '',
        '  mtl assess',
        '',
        'Then see mtl --help for goals, your team, and the weekly nudge.',
        '',
      ].join('\n'),
    );
    return;
  }
  ctx.io.out(`Latest assessment: ${latest.score}/100 on ${latest.date} (${latest.verdict}). Trend: mtl assess history\n`);
  maybeHint(ctx, data);
}
