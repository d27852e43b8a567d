/** Rows that fit y = 2·x1 − 3·x2 + 1 exactly: every protocol's train-then-predict test uses them. */
export const EXACT_X = [
  [0, 0],
  [1, 0],
  [0, 1],
  [2, 3],
  [-1, 4],
  [5, -2],
  [3.5, 1.25],
];

export const exactTarget = ([x1, x2]: number[]) => 2 * x1! - 3 * x2! + 1;

export const EXACT_Y = EXACT_X.map(exactTarget);
