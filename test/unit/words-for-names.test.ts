import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import type { Deps } from '../../src/context.js';
import { WORDS_FOR_NAMES } from '../../src/core/model.js';
import { validateNewName } from '../../src/core/team.js';
import type { Data } from '../../src/core/model.js';

const deps = { io: {}, env: {}, clock: () => new Date(), platform: 'linux', argv0: { node: 'node', script: 'mtl' } } as unknown as Deps;

describe('words read in the place of a name', () => {
  it('are the sub-commands of the commands that take a name first', () => {
    const program = buildProgram(deps, ['help']);
    for (const noun of ['praise', 'feedback'] as const) {
      const command = program.commands.find((c) => c.name() === noun)!;
      expect(command.commands.map((c) => c.name()).sort()).toEqual([...WORDS_FOR_NAMES[noun]].sort());
    }
    // member-goals reads them itself: its help says which.
    const memberGoals = program.commands.find((c) => c.name() === 'member-goals')!;
    const nameHelp = memberGoals.registeredArguments[0]!.description;
    for (const word of WORDS_FOR_NAMES['member-goals']) expect(nameHelp).toContain(`"${word}"`);
  });

  it('can be no report\'s name, whichever command reads them', () => {
    const data = { members: [] } as unknown as Data;
    for (const word of Object.values(WORDS_FOR_NAMES).flat()) {
      expect(() => validateNewName(data, word[0]!.toUpperCase() + word.slice(1))).toThrow(`cannot be a name: it is a word mtl commands use (list, balance, grid, carry).`);
    }
  });
});
