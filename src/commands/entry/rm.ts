import type { Ctx } from '../../context.js';
import { quarterOf } from '../../core/dates.js';
import { checkVerb, parseEntryId, type EntryKind } from '../../core/entries.js';
import type { Goal, Member } from '../../core/model.js';
import { plural, shellWord } from '../../core/text.js';
import { UserError } from '../../errors.js';
import { goalsDirFor } from '../../store/paths.js';
import { readPreferences } from '../../store/preferences.js';
import { openStore, updateStore, type Tx } from '../../store/store.js';
import type { Prompter } from '../../ui/prompter.js';

import { describe, mustFind } from './found.js';

export async function rm(ctx: Ctx, idText: string, opts: { yes?: boolean }, prompter?: Prompter): Promise<void> {
  const { kind, id } = parseEntryId(idText);
  if (kind === 'report') {
    const data = await openStore(ctx.dataDir);
    const member = mustFind(data, kind, id).entry as Member;
    throw new UserError(
      `rm does not apply to reports: ${id} is ${member.name}.`,
      `Take them off the team (history kept): mtl team remove ${shellWord(member.name)}  Delete them and everything about them: mtl team remove ${shellWord(member.name)} --purge`,
    );
  }
  checkVerb(kind, 'rm', id);
  const data = await openStore(ctx.dataDir);
  const described = describe(data, mustFind(data, kind, id));
  if (!opts.yes) {
    if (!ctx.io.stdinIsTTY) throw new UserError(`Removing ${described} needs --yes when there is no terminal to ask on.`, `mtl rm ${id} --yes`);
    prompter ??= (await import('../../ui/prompter.js')).createPrompter(ctx.io);
    if (!(await prompter.confirm(`Remove ${described}?`, false))) {
      ctx.io.err('Nothing was removed.\n');
      return;
    }
  }
  const result = await updateStore(ctx.dataDir, (tx) => remove(tx, kind, id));
  const lines = [`Removed ${described}.`];
  if (result.goal) {
    try {
      const dir = goalsDirFor(ctx.dataDir, readPreferences(ctx.dataDir));
      const moved = (await import('../goals/goal-file.js')).archiveGoalFile(result.goal, dir);
      if (moved) lines.push(`Its file is kept in ${moved}.`);
    } catch (err) {
      lines.push(`Its file stays where it was (${result.goal.file}): ${(err as Error).message}`);
    }
  }
  if (result.requeued) lines.push(`${plural(result.requeued, 'feedback note')} given in it ${result.requeued === 1 ? 'is' : 'are'} to give again.`);
  if (result.unlinked?.length) {
    const n = result.unlinked.length;
    lines.push(`${plural(n, 'action item')} from it (${result.unlinked.join(', ')}) ${n === 1 ? 'stays' : 'stay'} open: mtl rm ${result.unlinked[0]} to drop ${n === 1 ? 'it' : 'one'}.`);
  }
  lines.push('Undo: mtl undo');
  ctx.io.err(lines.join(' ') + '\n');
}


function remove(tx: Tx, kind: EntryKind, id: string): { goal?: Goal; requeued?: number; unlinked?: string[] } {
  const found = mustFind(tx.data, kind, id);
  switch (found.kind) {
    case 'goal':
      tx.tables.goals.remove(id);
      return { goal: found.entry };
    case 'reportGoal': tx.tables.memberGoals.remove(id); break;
    case 'praise': tx.praise.table(quarterOf(found.entry.date)).remove(id); break;
    case 'feedback': tx.tables.feedback.remove(id); break;
    case 'delegation': tx.tables.delegations.remove(id); break;
    case 'action': tx.tables.actions.remove(id); break;
    case 'learning': tx.tables.learning.remove(id); break;
    case 'innovation': tx.tables.innovationWeeks.remove(id); break;
    case 'assessment': tx.tables.assessments.remove(id); break;
    case 'pulse': tx.tables.pulses.remove(id); break;
    case 'process': tx.tables.processes.remove(id); break;
    case 'cultureEvent': tx.tables.cultureEvents.remove(id); break;
    case 'moment': tx.tables.moments.remove(id); break;
    case 'note':
      found.member.notes = found.member.notes.filter((n) => n.id !== id);
      tx.tables.members.put(found.member);
      break;
    case 'oneOnOne': {
      // Feedback given only in this 1:1 is to give again; its action items stay, without the link.
      const o = found.entry;
      tx.tables.oneOnOnes.remove(id);
      const elsewhere = new Set(tx.data.oneOnOnes.flatMap((x) => x.feedbackDelivered));
      let requeued = 0;
      for (const f of tx.data.feedback) {
        if (o.feedbackDelivered.includes(f.id) && !elsewhere.has(f.id) && f.deliveredOn) {
          delete f.deliveredOn;
          tx.tables.feedback.put(f);
          requeued++;
        }
      }
      const unlinked: string[] = [];
      for (const t of tx.data.actions) {
        if (t.oneOnOne === id) {
          delete t.oneOnOne;
          tx.tables.actions.put(t);
          unlinked.push(t.id);
        }
      }
      return { requeued, unlinked };
    }
    case 'report':
      break;
  }
  return {};
}
