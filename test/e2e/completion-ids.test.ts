import { describe, expect, it } from 'vitest';
import { ok, tempHome } from '../helpers/cli.js';

const at = { env: { MTL_NOW: '2027-02-01T10:00:00' } };
const complete = async (home: string, line: string) => (await ok(home, ['__complete', '--shell=zsh', '--', line], at)).split('\n').filter(Boolean);

describe('completion of ids and verbs', () => {
  it('offers delegated items for delegate check, verbs then report-goal ids after member-goals <name>', async () => {
    const home = tempHome();
    await ok(home, ['team', 'add', 'sam'], at);
    await ok(home, ['goals', 'new', '--template', 'learning'], at);
    await ok(home, ['delegate', 'Billing export', '--to', 'sam'], at);
    await ok(home, ['member-goals', 'sam', 'add', 'Lead the redesign'], at);
    expect(await complete(home, 'mtl delegate check ')).toEqual(['d1']);
    expect(await complete(home, 'mtl delegate done ')).toEqual(['d1']);
    expect(await complete(home, 'mtl goals done ')).toEqual(['g1']);
    expect(await complete(home, 'mtl member-goals sam ')).toEqual(['add', 'list', 'check-in', 'done', 'carry']);
    expect(await complete(home, 'mtl member-goals sam d')).toEqual(['done']);
    expect(await complete(home, 'mtl member-goals sam done ')).toEqual(['m1']);
    expect(await complete(home, 'mtl member-goals sam check-in m1 ')).toEqual([]);
    expect(await complete(home, 'mtl member-goals ')).toEqual(['list', 'carry', 'sam']);
    expect(await complete(home, 'mtl member-goals carry ')).toEqual(['sam']);
    expect(await complete(home, 'mtl member-goals carry sam ')).toEqual(['m1']);
  });
});
