import path from 'node:path';
import { expect } from 'vitest';
import { mode, ok } from './cli.js';

/** The data file is readable by its owner alone. */
export function expectPrivate(home: string): void {
  expect(mode(path.join(home, 'mtl.json'))).toBe(0o600);
}

/** A team of `names` added on `day`, each command checked for success. */
export async function seedTeam(home: string, day: string, ...names: string[]): Promise<void> {
  for (const name of names) await ok(home, ['team', 'add', name], { env: { MTL_NOW: day } });
}
