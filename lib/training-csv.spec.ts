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

  it('names the columns when there is no header, and accepts tabs or semicolons', () => {
    const named = { columns: ['x1', 'x2', 'y'], rows: [['1', '2', '3'], ['4', '5', '6']] };
    expect(parseCsv('1\t2\t3\n4\t5\t6')).toEqual(named);
    expect(parseCsv('1;2;3\n4;5;6')).toEqual(named);
  });

  it('uses one delimiter for the whole text: `1,5;2,3` is three comma-separated cells, not four numbers', () => {
    const table = parseCsv('x1,x2,y\n1,5;2,3');
    expect(table).toEqual({ columns: ['x1', 'x2', 'y'], rows: [['1', '5;2', '3']] });
    expect(toTrainingData(table)).toEqual({ problems: ['Row 1: not a number: x2 “5;2”.'] });
    // Alone, the line is not all numbers, so it is a header with no rows under it.
    expect(toTrainingData(parseCsv('1,5;2,3'))).toEqual({ problems: ['Give at least one row of numbers.'] });
    expect(parseCsv('x;y\n1,5;2,3')).toEqual({ columns: ['x', 'y'], rows: [['1,5', '2,3']] });
  });

  it('refuses mixed separators and ragged rows, naming the line', () => {
    const mixed = parseCsv('1\t2\n3,4');
    expect(mixed.problems).toEqual(['Line 2: 2 values where line 1 has 1 (separated by commas); every line needs the same columns.']);
    expect(toTrainingData(mixed)).toEqual({ problems: mixed.problems });
    const ragged = parseCsv('a;b;y\n# a comment\n\n1;2;3\n4;5\n6;7;8;9');
    expect(ragged.problems).toEqual([
      'Line 5: 2 values where line 1 has 3 (separated by semicolons); every line needs the same columns.',
      'Line 6: 4 values where line 1 has 3 (separated by semicolons); every line needs the same columns.',
    ]);
    expect(ragged.rows).toEqual([['1', '2', '3', ''], ['4', '5', '', ''], ['6', '7', '8', '9']]);
  });

  it('reads quoted fields, CRLF line ends and blank trailing lines', () => {
    expect(parseCsv('"size, m²","say ""hi""",y\r\n1,"2",3\r\n\r\n  \r\n')).toEqual({ columns: ['size, m²', 'say "hi"', 'y'], rows: [['1', '2', '3']] });
    expect(parseCsv('"a", "b"\n1, 2')).toEqual({ columns: ['a', 'b'], rows: [['1', '2']] });
  });

  it('skips blank and # lines', () => {
    expect(parseCsv('# x and y\n\nx,y\n\n1,2\n# done\n')).toEqual({ columns: ['x', 'y'], rows: [['1', '2']] });
    expect(parseCsv('')).toEqual({ columns: [], rows: [] });
  });

  it('round-trips through toCsv, quoting where needed', () => {
    const table = parseCsv('"x, first", y\n1, 2\n3, 4');
    expect(toCsv(table)).toBe('"x, first",y\n1,2\n3,4');
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

  it('names every cell that is not a plain number, an empty one included', () => {
    const result = toTrainingData(parseCsv('a, b\n1, x\n2, 3\n, 4\n0x10, Infinity'));
    expect(result).toEqual({ problems: ['Row 1: not a number: b “x”.', 'Row 3: not a number: a “”.', 'Row 4: not a number: a “0x10”, b “Infinity”.'] });
  });

  it('asks for enough columns and rows', () => {
    expect(toTrainingData(parseCsv('1\n2'))).toEqual({ problems: ['Give at least two columns: one or more features, then the target y last.'] });
    expect(toTrainingData({ columns: ['x1', 'y'], rows: [] })).toEqual({ problems: ['Give at least one row of numbers.'] });
  });
});

describe('parseNumberRow', () => {
  it('reads numbers separated by commas, semicolons or spaces', () => {
    expect(parseNumberRow(' 1, 2.5 -3e2 ')).toEqual([1, 2.5, -300]);
    expect(parseNumberRow('1;.5')).toEqual([1, 0.5]);
  });

  it('is undefined for empty, non-numeric, gappy or mixed-separator input', () => {
    expect(parseNumberRow('')).toBeUndefined();
    expect(parseNumberRow('1, two')).toBeUndefined();
    expect(parseNumberRow('1,,2')).toBeUndefined();
    expect(parseNumberRow('1,5;2,3')).toBeUndefined();
  });
});
