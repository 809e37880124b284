import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appendDurable } from '../../src/store/files.js';

const scratch = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtl-test-files-'));
  const file = path.join(dir, '2027-Q1.jsonl');
  fs.writeFileSync(file, '{"id":"p1"}\n');
  return file;
};

describe('appendDurable on a disk that takes part of a write', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes the rest when write(2) takes only some of the bytes', () => {
    const file = scratch();
    const real = fs.writeSync;
    // A nearly full disk: each call takes at most 7 bytes, as write(2) may without an error.
    vi.spyOn(fs, 'writeSync').mockImplementation(((fd: number, buffer: Buffer, offset: number) => real(fd, buffer, offset, Math.min(7, buffer.length - offset))) as typeof fs.writeSync);
    appendDurable(file, '{"id":"p2","text":"a longer line than seven bytes"}\n');
    expect(fs.readFileSync(file, 'utf8')).toBe('{"id":"p1"}\n{"id":"p2","text":"a longer line than seven bytes"}\n');
  });

  it('cuts the file back to where it was when the disk fills part way, and throws', () => {
    const file = scratch();
    const real = fs.writeSync;
    let calls = 0;
    vi.spyOn(fs, 'writeSync').mockImplementation(((fd: number, buffer: Buffer, offset: number) => {
      if (++calls > 1) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      return real(fd, buffer, offset, 5);
    }) as typeof fs.writeSync);
    expect(() => appendDurable(file, '{"id":"p2","text":"lost"}\n')).toThrow(/ENOSPC/);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"id":"p1"}\n');
  });

  it('never loops on a write that takes nothing', () => {
    const file = scratch();
    vi.spyOn(fs, 'writeSync').mockReturnValue(0);
    expect(() => appendDurable(file, '{"id":"p2"}\n')).toThrow(/nothing more could be written/);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"id":"p1"}\n');
  });
});
