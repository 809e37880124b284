import { describe, expect, it } from 'vitest';
import { entryProblem } from '../../src/core/entry-checks.js';

// Entries as mtl writes them; each test breaks one thing and reads the words a user would see.
const praise = { id: 'p7', member: 'r1', text: 'Clear write-up', date: '2027-02-10', at: '2027-02-10T09:00:00.000Z' };
const goal = { id: 'g3', title: 'Weekly demos', template: 'team-output', file: 'g3-weekly-demos.md', status: 'open', progress: 40, checkIns: [{ date: '2027-02-01', note: 'Agreed', progress: 40 }], created: '2027-01-05' };
const member = { id: 'r1', name: 'Sam Lee', added: '2027-01-04', notes: [{ id: 'n1', date: '2027-01-20', text: 'Back in March' }] };

describe('entryProblem', () => {
  it('accepts entries as mtl writes them, with optional fields absent or present', () => {
    expect(entryProblem('praise', praise)).toBeUndefined();
    expect(entryProblem('goals', goal)).toBeUndefined();
    expect(entryProblem('goals', { ...goal, status: 'done', due: '2027-03-31', doneOn: '2027-03-30' })).toBeUndefined();
    expect(entryProblem('members', member)).toBeUndefined();
    expect(entryProblem('members', { ...member, removed: '2027-06-01', cadence: 14 })).toBeUndefined();
    expect(entryProblem('learning', { id: 'l1', type: 'hours', date: '2027-02-01', hours: 2, what: 'a course' })).toBeUndefined();
    expect(entryProblem('learning', { id: 'l2', type: 'book', title: 'High Output Management', status: 'reading' })).toBeUndefined();
  });

  it('names the field, its value and what it should be', () => {
    expect(entryProblem('praise', { ...praise, date: '2027-02-30' })).toBe('date is "2027-02-30"; it should be a day (YYYY-MM-DD)');
    expect(entryProblem('praise', { ...praise, member: undefined })).toBe('member is missing; it should be a text');
    expect(entryProblem('goals', { ...goal, status: 'paused' })).toBe('status is "paused"; it should be "open" or "done"');
    expect(entryProblem('goals', { ...goal, progress: null })).toBe('progress is null; it should be a number');
    expect(entryProblem('goals', { ...goal, due: '31/03/2027' })).toBe('due is "31/03/2027"; it should be a day (YYYY-MM-DD), or absent');
    expect(entryProblem('goals', { ...goal, checkIns: [{ date: '2027-02-01' }] })).toMatch(/^checkIns is \[\{"date":"2027-02-01"\}\]; it should be a list of check-ins, each with a day/);
    expect(entryProblem('members', { ...member, cadence: 'weekly' })).toBe('cadence is "weekly"; it should be a number, or absent');
  });

  it('refuses ids that are not the kind\'s prefix followed by a whole number from 1', () => {
    for (const id of ['g7', 'p0', 'pInfinity', 'p1.5', 'p-1', 7, undefined]) {
      expect(entryProblem('praise', { ...praise, id }), String(id)).toMatch(/^its id .* is not "p" followed by a whole number from 1$/);
    }
  });

  it('says what a non-object is', () => {
    expect(entryProblem('praise', null)).toBe('it should be an object but is null');
    expect(entryProblem('praise', [praise])).toBe('it should be an object but is a list');
    expect(entryProblem('praise', 'p7')).toBe('it should be an object but is text');
    expect(entryProblem('praise', 7)).toBe('it should be an object but is a number');
  });

  it("checks a report's notes and a learning entry by its type", () => {
    expect(entryProblem('members', { ...member, notes: [{ id: 'x1', date: '2027-01-20', text: 'a' }] })).toMatch(/^note 1 is .*; it should have an id "n" followed by a whole number, a day and a text$/);
    expect(entryProblem('learning', { id: 'l1', type: 'podcast' })).toBe('its type is "podcast"; it should be "hours", "tip" or "book"');
    expect(entryProblem('learning', { id: 'l1', type: 'hours', date: '2027-02-01', what: 'a course' })).toBe('it is a "hours" entry without a day, a number of hours and what as mtl writes them');
    expect(entryProblem('learning', { id: 'l2', type: 'book', title: 'x', status: 'abandoned' })).toBe('it is a "book" entry without a title (and a day, if read) as mtl writes them');
  });
});

describe("a goal's own targets, as stored", () => {
  it('takes metric names with numbers above 0, and refuses anything else', () => {
    expect(entryProblem('goals', { ...goal, targets: { 'books-finished': 2, 'learning-hours': 20.5 } })).toBeUndefined();
    for (const targets of [{ 'books-finished': 0 }, { 'books-finished': '2' }, { books: 2 }, [2], null]) {
      expect(entryProblem('goals', { ...goal, targets }), JSON.stringify(targets)).toBe(`targets is ${JSON.stringify(targets)}; it should be metric names mtl counts, each with a number above 0, or absent`);
    }
  });
});
