/** Checks of GradBench inputs shared by the evals: plain JSON in, typed arrays out. */

/** A JSON array of finite numbers as a Float64Array; `what` names the field in errors. */
export function floatVector(op: string, values: unknown, what: string): Float64Array {
  if (!Array.isArray(values)) throw new Error(`${op}: expected ${what} to be an array of numbers, got ${typeof values}.`);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`${op}: expected finite numbers in ${what}, got ${String(v)} at ${what}[${i}].`);
    out[i] = v;
  }
  return out;
}

/** A JSON array of equal-length rows of finite numbers as row-major float64 data and its shape. */
export function floatMatrix(op: string, rows: unknown, what: string): { data: Float64Array; shape: [number, number] } {
  if (!Array.isArray(rows)) throw new Error(`${op}: expected ${what} to be an array of rows, got ${typeof rows}.`);
  const n = rows.length;
  const d = n === 0 ? 0 : Array.isArray(rows[0]) ? (rows[0] as unknown[]).length : -1;
  const data = new Float64Array(n * Math.max(d, 0));
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (!Array.isArray(row) || row.length !== d) {
      throw new Error(`${op}: expected ${what} to be rows of equal length ${d}, got ${Array.isArray(row) ? `length ${row.length}` : typeof row} at ${what}[${i}].`);
    }
    data.set(floatVector(op, row, `${what}[${i}]`), i * d);
  }
  return { data, shape: [n, d] };
}

/** A positive integer field. */
export function positiveInteger(op: string, value: unknown, what: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) throw new Error(`${op}: expected ${what} to be a positive integer, got ${String(value)}.`);
  return value;
}
