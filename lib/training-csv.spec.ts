import { describe, expect, it } from 'vitest';
import { parseCsv, parseNumberRow, toCsv, toTrainingData } from './training-csv';

describe('parseCsv', () => {
  it('reads a header and rows, trimming cells', () => {
    expect(parseCsv('size, rooms, price\n 50, 2, 150\n80,3,240\n')).toEqual({
      columns: ['size', 'rooms', 'price'],
      rows: [
        ['50', '2', '150'],
        ['80', '3', '240'],
      ],
    });
  });

  it('names the columns when there is no header, and accepts tabs and semicolons', () => {
    expect(parseCsv('1\t2\t3\n4;5;6')).toEqual({
      columns: ['x1', 'x2', 'y'],
      rows: [
        ['1', '2', '3'],
        ['4', '5', '6'],
      ],
    });
  });

  it('pads short rows, skips blank and # lines, and strips quotes', () => {
    expect(parseCsv('"a","b"\n# comment\n\n1\n')).toEqual({ columns: ['a', 'b'], rows: [['1', '']] });
  });

  it('round-trips through toCsv', () => {
    const table = parseCsv('x1, y\n1, 2\n3, 4');
    expect(parseCsv(toCsv(table))).toEqual(table);
  });
});

describe('toTrainingData', () => {
  it('splits features from the last column', () => {
    expect(toTrainingData(parseCsv('1,2,3\n4,5,6\n7,8,10'))).toEqual({
      X: [
        [1, 2],
        [4, 5],
        [7, 8],
      ],
      y: [3, 6, 10],
    });
  });

  it('names every cell that is not a number', () => {
    const result = toTrainingData(parseCsv('a, b\n1, x\n2, 3\n, 4'));
    expect(result).toEqual({ problems: ['Row 1: not a number: b “x”.', 'Row 3: not a number: a “”.'] });
  });

  it('asks for enough columns and rows', () => {
    expect(toTrainingData(parseCsv('1\n2'))).toEqual({ problems: ['Give at least two columns: one or more features, then the target y last.'] });
    expect(toTrainingData({ columns: ['x1', 'y'], rows: [] })).toEqual({ problems: ['Give at least one row of numbers.'] });
  });
});

describe('parseNumberRow', () => {
  it('reads numbers separated by commas or spaces', () => {
    expect(parseNumberRow(' 1, 2.5 -3e2 ')).toEqual([1, 2.5, -300]);
  });

  it('is undefined for empty or non-numeric input', () => {
    expect(parseNumberRow('')).toBeUndefined();
    expect(parseNumberRow('1, two')).toBeUndefined();
  });
});
