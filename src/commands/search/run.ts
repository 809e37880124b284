import type { Ctx } from '../../context.js';
import { nameOf, findMember } from '../../core/team.js';
import { queryWords, searchables, searchEntries, type SearchHit } from '../../core/search.js';
import type { Data, Goal } from '../../core/model.js';
import { UserError } from '../../errors.js';
import { readIfThere } from '../../store/files.js';
import { openStore } from '../../store/store.js';
import { printJson, renderTable } from '../../ui/output.js';
import { shellWord } from '../../core/text.js';

export interface SearchOptions {
  person?: string;
  json?: boolean;
}

/** A goal's file as it is on disk now; a missing or unreadable one is left out of the search. */
function goalFile(goal: Goal): string | undefined {
  try {
    return readIfThere(goal.file);
  } catch {
    return undefined;
  }
}

export async function search(ctx: Ctx, words: string[], opts: SearchOptions): Promise<void> {
  const wanted = queryWords(words);
  if (!wanted.length) throw new UserError('Nothing to search for.', 'Give a word or two: mtl search rollback');
  const data = await openStore(ctx.dataDir);
  const member = opts.person === undefined ? undefined : findMember(data, opts.person, { includeRemoved: true });
  // The snippet width leaves room for the date, id, report and kind columns on a terminal.
  const width = ctx.io.stdoutIsTTY ? Math.max(30, Math.min(100, ctx.io.columns - 40)) : 100;
  const hits = searchEntries(searchables(data, goalFile, member ? { member: member.id } : {}), wanted, width);
  if (opts.json) {
    printJson(ctx.io, hits.map((h) => hitJson(data, h)));
    return;
  }
  const where = member ? ` about ${member.name}` : '';
  if (!hits.length) {
    ctx.io.err(`Nothing${where} contains ${words.map((w) => `"${w}"`).join(' and ')}.${member ? ` Search everyone: mtl search ${words.map(shellWord).join(' ')}` : ''}\n`);
    return;
  }
  const rows = hits.map((h) => [h.date, h.id, h.member ? nameOf(data, h.member) : '-', h.field && h.field !== 'name' ? `${h.kind} ${h.field}` : h.kind, h.text]);
  ctx.io.out(renderTable(ctx.io, ['date', 'id', 'report', 'kind', 'match'], rows));
  ctx.io.err(`${hits.length === 1 ? '1 entry' : `${hits.length} entries`}${where}. See one in full: mtl show ${hits[0]!.id}\n`);
}

function hitJson(data: Data, h: SearchHit) {
  return {
    id: h.id,
    kind: h.kind,
    date: h.date,
    member: h.member ? nameOf(data, h.member) : null,
    memberId: h.member ?? null,
    field: h.field ?? null,
    text: h.text,
  };
}
