/** A small dense linear solve for the tour's Newton steps (the tour's matrices are at most 6 × 6). */

/**
 * Solves A x = b by Gaussian elimination with partial pivoting.
 * @throws Error when A is singular to working precision
 */
export function solve(A: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = b.length;
  const rows = A.map((row, i) => [...row, b[i]!]);
  for (let k = 0; k < n; k++) {
    let pivot = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(rows[i]![k]!) > Math.abs(rows[pivot]![k]!)) pivot = i;
    if (Math.abs(rows[pivot]![k]!) < 1e-300) throw new Error(`solve: a nonsingular matrix, got a zero pivot in column ${k}.`);
    [rows[k], rows[pivot]] = [rows[pivot]!, rows[k]!];
    for (let i = k + 1; i < n; i++) {
      const factor = rows[i]![k]! / rows[k]![k]!;
      for (let j = k; j <= n; j++) rows[i]![j]! -= factor * rows[k]![j]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = rows[i]![n]!;
    for (let j = i + 1; j < n; j++) s -= rows[i]![j]! * x[j]!;
    x[i] = s / rows[i]![i]!;
  }
  return x;
}
