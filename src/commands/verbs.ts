import type { Command } from 'commander';

const defaults = new WeakSet<Command>();

/** Declares the verb a noun runs when given none (`mtl goals` is `mtl goals list`). */
export function defaultVerb(noun: Command, name: string): Command {
  const verb = noun.command(name, { isDefault: true });
  defaults.add(verb);
  return verb;
}

/** The verb a noun runs when given none, if it has one. */
export function defaultVerbOf(noun: Command): Command | undefined {
  return noun.commands.find((c) => defaults.has(c));
}

/** A repeatable option's values, in the order given: `.option('--note <text>', '...', collect)`. */
export const collect = (value: string, list: string[] = []): string[] => [...list, value];
