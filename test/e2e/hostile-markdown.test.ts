import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mtl, ok, tempHome } from '../helpers/cli.js';

const at = { env: { MTL_NOW: '2027-02-10T09:00:00' } };

/** Everything a hostile text tries: a heading, a table, raw HTML, a list item, a code fence, a quote. */
const HOSTILE = ['ok', '## Injected', '| a | b |', '| --- | --- |', '<script>alert(1)</script>', '- injected item', '```', 'fenced', '```', '> quoted', '<img src=x onerror=alert(1)>'].join('\n');

/** Appends a later version of an entry to a record file, as a merged backup or older data could leave it. */
function rewrite(home: string, file: string, id: string, change: (entry: Record<string, unknown>) => void): void {
  const full = path.join(home, file);
  const lines = fs.readFileSync(full, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const entry = lines.filter((l) => l.id === id).pop()!;
  change(entry);
  fs.appendFileSync(full, JSON.stringify(entry) + '\n');
}

/** Sam, whose name, notes, praise, feedback, goals and delegated item all hold hostile text. */
async function hostileTeam(home: string): Promise<void> {
  await ok(home, ['team', 'add', 'Sam'], at);
  await ok(home, ['team', 'note', 'sam', 'first note'], at);
  await ok(home, ['praise', 'sam', 'good work'], at);
  await ok(home, ['feedback', 'sam', 'late review'], at);
  await ok(home, ['member-goals', 'sam', 'add', 'Lead the redesign'], at);
  await ok(home, ['member-goals', 'sam', 'check-in', 'm1', 'kick-off', '--progress', '10'], at);
  await ok(home, ['delegate', 'Billing export', '--to', 'sam'], at);
  await ok(home, ['goals', 'new', '-t', 'autonomy', '--title', 'Hand over the roadmap', '--due', '2027-03-31'], at);
  await ok(home, ['goals', 'check-in', 'g1', 'agreed', '--progress', '10'], at);
  rewrite(home, 'reports.jsonl', 'r1', (r) => {
    r.name = 'Sam\n## Injected name';
    r.notes = [{ id: 'n1', date: '2027-02-10', text: HOSTILE }];
  });
  const quarterFile = fs.readdirSync(path.join(home, 'praise'))[0]!;
  rewrite(home, path.join('praise', quarterFile), 'p1', (p) => (p.text = HOSTILE));
  rewrite(home, 'feedback.jsonl', 'f1', (f) => (f.text = HOSTILE));
  rewrite(home, 'member-goals.jsonl', 'm1', (g) => {
    g.title = '## Injected goal\n| x | y |';
    (g.checkIns as { note: string }[])[0]!.note = 'note\n# Injected check-in';
  });
  rewrite(home, 'delegations.jsonl', 'd1', (d) => (d.item = '- injected\n## Injected item'));
  rewrite(home, 'goals.jsonl', 'g1', (g) => {
    g.title = 'Roadmap\n## Injected title\n| 1 | 2 | 3 | 4 | 5 | 6 |';
    (g.checkIns as { note: string }[])[0]!.note = 'agreed | done\n<script>x</script>';
  });
}

/** Lines that open a block in CommonMark or GitHub's markdown, whatever their indentation inside an item. */
const startsBlock = (line: string) => /^\s*(?:#{1,6}(?:\s|$)|>|[-+*]\s|\d+[.)]\s|```|~~~|\||<[a-z/!])/i.test(line);

/** Lines that are neither mtl's own structure nor a continuation indented under a bullet. */
function strayLines(md: string, own: RegExp): string[] {
  return md.split('\n').filter((line) => line !== '' && !own.test(line) && !/^ {2}\S/.test(line));
}

describe('hostile text in markdown exports', () => {
  it('export --format md --with-notes: no heading, row, item, fence or HTML comes from the data', async () => {
    const home = tempHome();
    await hostileTeam(home);
    const md = await ok(home, ['export', '--format', 'md', '--with-notes'], at);
    const lines = md.split('\n');
    expect(lines.filter((l) => l.startsWith('## '))).toEqual(['## Self-assessment', '## My goals', '## Team', '## The last 90 days (2026-11-12 to 2027-02-10)']);
    expect(lines.filter((l) => l.startsWith('#'))).toHaveLength(6);
    expect(lines.filter((l) => l.startsWith('### '))).toEqual(['### Sam ## Injected name']);
    // The goals table: its header, its delimiter and one row of six cells, the title's newline a <br>.
    const rows = lines.filter((l) => l.startsWith('|'));
    expect(rows).toHaveLength(3);
    expect(rows[2]).toBe('| g1 Roadmap<br>\\## Injected title<br>\\| 1 \\| 2 \\| 3 \\| 4 \\| 5 \\| 6 \\| | autonomy | 2027-03-31 | open | 10% | 2027-02-10: agreed \\| done<br>\\<script>x\\</script> |');
    expect(rows[2]!.split(/(?<!\\)\|/)).toHaveLength(8);
    expect(lines).toContain('- Goal: \\## Injected goal \\| x \\| y \\| (open, 10%, due 2027-03-31)');
    expect(lines).toContain('- Owns: \\- injected ## Injected item');
    // The note stays one item: every further line is indented under its bullet and opens nothing.
    const note = lines.indexOf('- Note (2027-02-10): ok');
    expect(note).toBeGreaterThan(0);
    expect(lines.slice(note + 1, note + 11)).toEqual([
      '  \\## Injected',
      '  \\| a \\| b \\|',
      '  \\| --- \\| --- \\|',
      '  \\<script>alert(1)\\</script>',
      '  \\- injected item',
      '  \\```',
      '  fenced',
      '  \\```',
      '  \\> quoted',
      '  \\<img src=x onerror=alert(1)>',
    ]);
    expect(md).not.toMatch(/(?<!\\)<(?:script|img)/);
    expect(lines.filter((l) => startsBlock(l) && !/^(?:#{1,3} |- |\| )/.test(l))).toEqual([]);
    expect(strayLines(md, /^(?:#{1,3} |- |\| |Quarter |No )/)).toEqual([]);
  });

  it('1on1 --markdown: the sections are mtl\'s, each hostile text stays inside its item', async () => {
    const home = tempHome();
    await hostileTeam(home);
    const md = await ok(home, ['1on1', 'sam', '--markdown'], at);
    const lines = md.split('\n');
    expect(lines.filter((l) => l.startsWith('#'))).toEqual([
      '# 1:1 with Sam ## Injected name (2027-02-10)',
      '## Ask about',
      '## Praise logged (1)',
      '## Feedback to give (1)',
      '## Their goals for 2027-Q1',
      '## Delegated items (1)',
    ]);
    // One item each for the note, the praise, the feedback, the goal and the delegated item.
    expect(lines.filter((l) => /^- /.test(l))).toHaveLength(5);
    expect(lines.filter((l) => l.startsWith('- [ ] '))).toEqual(['- [ ] ok']);
    expect(lines.filter((l) => l.startsWith('|') || l.startsWith('>'))).toEqual([expect.stringMatching(/^> Sam ## Injected name has one goal/)]);
    expect(lines).toContain('- m1  \\## Injected goal \\| x \\| y \\|  10%  due 2027-03-31 (in 49 days); last check-in 2027-02-10: note # Injected check-in');
    expect(lines).toContainEqual(expect.stringMatching(/^- d1  \\- injected ## Injected item  \(open: requirements agreed/));
    expect(lines.filter((l) => l === '  \\## Injected')).toHaveLength(3);
    expect(md).not.toMatch(/(?<!\\)<(?:script|img)/);
    expect(strayLines(md, /^(?:#{1,2} |- |> |Last 1:1|No 1:1 with|_)/)).toEqual([]);
  });

  it('prep --markdown: a goal title with a line break stays on its line', async () => {
    const home = tempHome();
    await hostileTeam(home);
    const md = await ok(home, ['prep', '--markdown'], at);
    expect(md.split('\n').filter((l) => l.startsWith('## '))).toEqual(['## Goals (1 open goal)', '## Due within 14 days', '## Overdue', '## Latest assessment']);
    // Within its line "##" opens nothing; the pipes are escaped so no table row starts.
    expect(md).toContain('- **g1 Roadmap ## Injected title \\| 1 \\| 2 \\| 3 \\| 4 \\| 5 \\| 6 \\|** (autonomy)');
    expect(md).not.toMatch(/(?<!\\)<script/);
  });

  it('the terminal agenda is unchanged by the markdown escaping', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'Sam'], at);
    await ok(home, ['team', 'note', 'sam', 'likes [brackets] and <angles> | pipes'], at);
    const r = await mtl(home, ['1on1', 'sam'], at);
    expect(r.stdout).toContain('  • likes [brackets] and <angles> | pipes (2027-02-10)');
  });
});
