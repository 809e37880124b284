import { emptyRecords, praiseLogOf, type Data, type Praise, type PraiseLog } from '../../src/core/model.js';

/** A store in memory for the rules' tests: plain lists, and praise a list that is also its log. */
export type TestData = Omit<Data, 'praise'> & { praise: Praise[] & PraiseLog };

export function emptyData(): TestData {
  const records = emptyRecords();
  return { ...records, praise: praiseList(records.praise) };
}

/** A praise list the test may push to, answering the rules as a praise log. */
export function praiseList(entries: Praise[] = []): Praise[] & PraiseLog {
  const list = [...entries] as Praise[] & PraiseLog;
  const log = praiseLogOf(list);
  return Object.assign(list, { between: log.between, lastOnOrBefore: log.lastOnOrBefore, all: log.all });
}
