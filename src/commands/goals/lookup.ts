import { normalizeGoalId } from '../../core/goals.js';
import { UserError } from '../../errors.js';
import type { Goal } from '../../core/model.js';

/** The goal with this id (`g3`, `G3` or `3`); an unknown id is an error listing the known ones. */
export function findGoal(goals: Goal[], text: string): Goal {
  const id = normalizeGoalId(text);
  const goal = goals.find((g) => g.id === id);
  if (goal) return goal;
  if (goals.length === 0) throw new UserError(`There is no goal "${text}": you have no goals yet.`, 'Create one: mtl goals new');
  const known = goals.map((g) => `${g.id} (${g.title})`);
  const shown = known.length > 12 ? [...known.slice(0, 12), `and ${known.length - 12} more`] : known;
  throw new UserError(`There is no goal "${text}".`, `Known goals: ${shown.join(', ')}. See: mtl goals list --all`);
}
