import type { Kernel } from "../backend.js";
import { tiled } from "../../tensor/tensor.js";
import { allocate } from "../../tensor/dtype.js";
import { digamma, lgamma, polygamma } from "../../math/gamma.js";

/**
 * Kernels of the special functions (log-gamma and its derivatives). Each element costs far more
 * than a loop iteration, so a plain loop calling the function is as fast as a generated one.
 * Repeated data stays repeated: the function is applied to one block.
 */
function special(f: (v: number, params: any) => number): Kernel {
  return ([x], params, out) => {
    const src = x!._data!;
    const data = allocate(out.dtype, src.length);
    for (let i = 0; i < src.length; i++) data[i] = f(src[i]!, params);
    return tiled(data, out.shape, out.dtype);
  };
}

export const specialKernels = {
  lgamma: special((v) => lgamma(v)),
  digamma: special((v) => digamma(v)),
  polygamma: special((v, { order }: { order: number }) => polygamma(order, v)),
};
