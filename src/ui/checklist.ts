import { createPrompt, isDownKey, isEnterKey, isSpaceKey, isUpKey, makeTheme, useKeypress, usePagination, usePrefix, useState } from '@inquirer/core';

/**
 * A list to tick: arrows move, space ticks or unticks, enter answers with the ticked values (none is
 * an answer too). @inquirer/core's own hooks, so the prompt bundle gains no package.
 */
export default createPrompt<unknown[], { message: string; choices: { name: string; value: unknown; short?: string }[]; pageSize?: number }>((config, done) => {
  const theme = makeTheme({});
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const [active, setActive] = useState(0);
  const [ticked, setTicked] = useState<boolean[]>(config.choices.map(() => false));
  const prefix = usePrefix({ status, theme });
  const count = config.choices.length;
  useKeypress((key) => {
    if (isEnterKey(key)) {
      setStatus('done');
      done(config.choices.filter((_, i) => ticked[i]).map((c) => c.value));
    } else if (isUpKey(key) && count) setActive((active - 1 + count) % count);
    else if (isDownKey(key) && count) setActive((active + 1) % count);
    else if (isSpaceKey(key) && count) setTicked(ticked.map((t, i) => (i === active ? !t : t)));
  });
  const message = theme.style.message(config.message, status);
  if (status === 'done') {
    const chosen = config.choices.filter((_, i) => ticked[i]).map((c) => c.short ?? c.name);
    return `${prefix} ${message} ${theme.style.answer(chosen.length ? chosen.join(', ') : 'none')}`;
  }
  const page = usePagination({
    items: config.choices,
    active,
    pageSize: config.pageSize ?? 10,
    loop: false,
    renderItem: ({ item, index, isActive }) => {
      const line = `${isActive ? '❯' : ' '} ${ticked[index] ? '[x]' : '[ ]'} ${item.name}`;
      return isActive ? theme.style.highlight(line) : line;
    },
  });
  return `${prefix} ${message}\n${page}\n${theme.style.help('space ticks, enter goes on (nothing ticked: none was given)')}`;
});
