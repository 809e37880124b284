import { DataError } from '../errors.js';
import { checkField } from './migrations.js';
import { attachPraiseIndex, indexedPraiseLog, type FileKey } from './praise-log.js';
import { emptyData, SCHEMA_VERSION, type Data } from './schema.js';

const HEADER = Buffer.from(`{\n"version": ${SCHEMA_VERSION},\n`);
const FIELD_START = Buffer.from('\n"');
const TRAILER = Buffer.from('\n}\n');

/**
 * Read-only commands need a few lists of a document that can hold tens of thousands of entries, so
 * a file in the layout `serialize` writes (one top-level field per line, current version) is split
 * into its fields without decoding or parsing them, and each field is decoded, parsed, checked and
 * finished (`finish`) the first time it is read. Anything else (an older version, a hand-edited
 * layout) returns undefined and is parsed whole. A field that does not parse sends the read to the
 * whole document, which either reads fine or reports the damage.
 */
export function lazyData(
  bytes: Buffer,
  file: string,
  finish: (field: string, value: unknown) => void,
  fromWhole: (field: string) => unknown,
  index?: { key: FileKey; read: () => string | undefined; fillPraise: (start?: number) => void },
): Data | undefined {
  if (!bytes.subarray(0, HEADER.length).equals(HEADER) || !bytes.subarray(bytes.length - TRAILER.length).equals(TRAILER)) return undefined;
  // Field lines start with `"name": `; entry lines start with `{` or `]`, and strings hold no raw newline.
  const fields: { key: string; at: number; from: number }[] = [];
  for (let at = bytes.indexOf(FIELD_START); at !== -1; at = bytes.indexOf(FIELD_START, at + 1)) {
    const close = bytes.indexOf('": ', at + 2);
    if (close === -1) return undefined;
    fields.push({ key: bytes.toString('latin1', at + 2, close), at, from: close + 3 });
  }
  const defaults = emptyData() as unknown as Record<string, unknown>;
  const data = {} as Record<string, unknown>;
  let praise: { from: number; to: number } | undefined;
  for (const [i, { key, from }] of fields.entries()) {
    const next = fields[i + 1];
    // Up to the comma before the next field, or the newline before the closing brace.
    const to = next ? next.at - 1 : bytes.length - TRAILER.length;
    if (!/^\w+$/.test(key) || bytes[to] !== (next ? 0x2c : 0x0a)) return undefined;
    if (key === 'praise') praise = { from, to };
    if (Array.isArray(defaults[key]) && to - from === 2 && bytes[from] === 0x5b && bytes[from + 1] === 0x5d) {
      data[key] = [];
      continue;
    }
    let value: unknown;
    let parsed = false;
    Object.defineProperty(data, key, {
      enumerable: true,
      configurable: true,
      get() {
        if (!parsed) {
          try {
            // The praise log may have been left unread (file-store.ts): read it first.
            if (key === 'praise') index?.fillPraise();
            value = JSON.parse(bytes.toString('utf8', from, to));
            checkField(file, key, value);
            if (key === 'learning') value = { ...(defaults.learning as object), ...(value as object) };
            finish(key, value);
          } catch (err) {
            if (!(err instanceof SyntaxError || err instanceof DataError)) throw err;
            // A hand edit can keep the layout yet split an entry over lines; only a whole parse can
            // tell a damaged file from that, and name the damage the way every other read does.
            value = fromWhole(key);
          }
          parsed = true;
        }
        return value;
      },
      set(v: unknown) {
        value = v;
        parsed = true;
      },
    });
  }
  data.version = SCHEMA_VERSION;
  for (const [key, value] of Object.entries(defaults)) if (!(key in data)) data[key] = value;
  if (praise && index) attachPraiseIndex(data as unknown as Data, indexedPraiseLog(bytes, praise.from, praise.to, index, file));
  return data as unknown as Data;
}
