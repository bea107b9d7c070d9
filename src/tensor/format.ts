import type { Tensor } from "./tensor.js";

const MAX_ITEMS = 6;

/** `tensor([[1, 2], [3, 4]], dtype=float32)`, eliding long axes with `...`. */
export function formatTensor(t: Tensor): string {
  const data = t._dense();
  const format = (v: number): string => {
    if (t.dtype === "bool") return v ? "true" : "false";
    if (t.dtype === "int32") return String(v);
    if (Number.isInteger(v) && Math.abs(v) < 1e16) return String(v);
    const s = t.dtype === "float32" ? Number(v.toPrecision(7)).toString() : String(v);
    return s;
  };
  const strides: number[] = [];
  let stride = 1;
  for (let i = t.shape.length - 1; i >= 0; i--) {
    strides[i] = stride;
    stride *= t.shape[i]!;
  }
  const build = (axis: number, offset: number): string => {
    if (axis === t.shape.length) return format(data[offset]!);
    const n = t.shape[axis]!;
    const parts: string[] = [];
    const elide = n > MAX_ITEMS;
    for (let i = 0; i < n; i++) {
      if (elide && i === MAX_ITEMS / 2) {
        parts.push("...");
        i = n - MAX_ITEMS / 2;
      }
      parts.push(build(axis + 1, offset + i * strides[axis]!));
    }
    return `[${parts.join(", ")}]`;
  };
  return `tensor(${build(0, 0)}, dtype=${t.dtype}${t.size === 0 ? `, shape=[${t.shape.join(", ")}]` : ""})`;
}
