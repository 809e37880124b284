import fs from 'node:fs';
import { vi } from 'vitest';

/**
 * A disk that is full for the files `full` names (by their path as opened, temporary copies
 * included): every write to them fails with ENOSPC, in this process, until the returned function
 * puts fs back. For the tests of writes that fail half way.
 */
export function fullFor(full: (file: string) => boolean): () => void {
  const open = fs.openSync;
  const write = fs.writeSync;
  const writeFile = fs.writeFileSync;
  const paths = new Map<number, string>();
  const refused = (fd: unknown) => typeof fd === 'number' && full(paths.get(fd) ?? '');
  const enospc = () => Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
  const spies = [
    vi.spyOn(fs, 'openSync').mockImplementation(((file: fs.PathLike, ...rest: unknown[]) => {
      const fd = (open as (...a: unknown[]) => number)(file, ...rest);
      paths.set(fd, String(file));
      return fd;
    }) as typeof fs.openSync),
    vi.spyOn(fs, 'writeSync').mockImplementation(((fd: number, ...rest: unknown[]) => {
      if (refused(fd)) throw enospc();
      return (write as (...a: unknown[]) => number)(fd, ...rest);
    }) as typeof fs.writeSync),
    vi.spyOn(fs, 'writeFileSync').mockImplementation(((file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
      if (refused(file)) throw enospc();
      return (writeFile as (...a: unknown[]) => void)(file, ...rest);
    }) as typeof fs.writeFileSync),
  ];
  return () => {
    for (const spy of spies) spy.mockRestore();
  };
}
