import type { Storage } from "../../tensor/dtype.js";

/**
 * One loop per binary function, each with fast paths for a broadcast scalar on either side
 * (`aFill`/`bFill`: that input is a single value standing for all n).
 */
export type BinaryLoop = (x: Storage, y: Storage, out: Storage, n: number, aFill: boolean, bFill: boolean) => void;

// max/min propagate NaN, as NumPy's maximum/minimum do.
export const binaryScalar: Record<string, (a: number, b: number) => number> = {
  add: (a, b) => (a + b),
  sub: (a, b) => (a - b),
  mul: (a, b) => (a * b),
  div: (a, b) => (a / b),
  pow: (a, b) => (Math.pow(a, b)),
  max: (a, b) => (a > b || a !== a ? a : b),
  min: (a, b) => (a < b || a !== a ? a : b),
  atan2: (a, b) => (Math.atan2(a, b)),
  less: (a, b) => (a < b ? 1 : 0),
  lessEqual: (a, b) => (a <= b ? 1 : 0),
  greater: (a, b) => (a > b ? 1 : 0),
  greaterEqual: (a, b) => (a >= b ? 1 : 0),
  equal: (a, b) => (a === b ? 1 : 0),
  notEqual: (a, b) => (a !== b ? 1 : 0),
};

export const binaryLoops: Record<string, BinaryLoop> = {
  add(x, y, o, n, aFill, bFill) {
    if (!aFill && !bFill) {
      for (let i = 0; i < n; i++) {
        const a = x[i]!, b = y[i]!;
        o[i] = a + b;
      }
    } else if (bFill) {
      const b = y[0]!;
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        o[i] = a + b;
      }
    } else {
      const a = x[0]!;
      for (let i = 0; i < n; i++) {
        const b = y[i]!;
        o[i] = a + b;
      }
    }
  },
  sub(x, y, o, n, aFill, bFill) {
    if (!aFill && !bFill) {
      for (let i = 0; i < n; i++) {
        const a = x[i]!, b = y[i]!;
        o[i] = a - b;
      }
    } else if (bFill) {
      const b = y[0]!;
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        o[i] = a - b;
      }
    } else {
      const a = x[0]!;
      for (let i = 0; i < n; i++) {
        const b = y[i]!;
        o[i] = a - b;
      }
    }
  },
  mul(x, y, o, n, aFill, bFill) {
    if (!aFill && !bFill) {
      for (let i = 0; i < n; i++) {
        const a = x[i]!, b = y[i]!;
        o[i] = a * b;
      }
    } else if (bFill) {
      const b = y[0]!;
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        o[i] = a * b;
      }
    } else {
      const a = x[0]!;
      for (let i = 0; i < n; i++) {
        const b = y[i]!;
        o[i] = a * b;
      }
    }
  },
  div(x, y, o, n, aFill, bFill) {
    if (!aFill && !bFill) {
      for (let i = 0; i < n; i++) {
        const a = x[i]!, b = y[i]!;
        o[i] = a / b;
      }
    } else if (bFill) {
      const b = y[0]!;
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        o[i] = a / b;
      }
    } else {
      const a = x[0]!;
      for (let i = 0; i < n; i++) {
        const b = y[i]!;
        o[i] = a / b;
      }
    }
  },
  pow(x, y, o, n, aFill, bFill) {
    if (!aFill && !bFill) {
      for (let i = 0; i < n; i++) {
        const a = x[i]!, b = y[i]!;
        o[i] = Math.pow(a, b);
      }
    } else if (bFill) {
      const b = y[0]!;
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        o[i] = Math.pow(a, b);
      }
    } else {
      const a = x[0]!;
      for (let i = 0; i < n; i++) {
        const b = y[i]!;
        o[i] = Math.pow(a, b);
      }
    }
  },
  max(x, y, o, n, aFill, bFill) {
    if (!aFill && !bFill) {
      for (let i = 0; i < n; i++) {
        const a = x[i]!, b = y[i]!;
        o[i] = a > b || a !== a ? a : b;
      }
    } else if (bFill) {
      const b = y[0]!;
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        o[i] = a > b || a !== a ? a : b;
      }
    } else {
      const a = x[0]!;
      for (let i = 0; i < n; i++) {
        const b = y[i]!;
        o[i] = a > b || a !== a ? a : b;
      }
    }
  },
  min(x, y, o, n, aFill, bFill) {
    if (!aFill && !bFill) {
      for (let i = 0; i < n; i++) {
        const a = x[i]!, b = y[i]!;
        o[i] = a < b || a !== a ? a : b;
      }
    } else if (bFill) {
      const b = y[0]!;
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        o[i] = a < b || a !== a ? a : b;
      }
    } else {
      const a = x[0]!;
      for (let i = 0; i < n; i++) {
        const b = y[i]!;
        o[i] = a < b || a !== a ? a : b;
      }
    }
  },
  atan2(x, y, o, n, aFill, bFill) {
    if (!aFill && !bFill) {
      for (let i = 0; i < n; i++) {
        const a = x[i]!, b = y[i]!;
        o[i] = Math.atan2(a, b);
      }
    } else if (bFill) {
      const b = y[0]!;
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        o[i] = Math.atan2(a, b);
      }
    } else {
      const a = x[0]!;
      for (let i = 0; i < n; i++) {
        const b = y[i]!;
        o[i] = Math.atan2(a, b);
      }
    }
  },
  less(x, y, o, n, aFill, bFill) {
    if (!aFill && !bFill) {
      for (let i = 0; i < n; i++) {
        const a = x[i]!, b = y[i]!;
        o[i] = a < b ? 1 : 0;
      }
    } else if (bFill) {
      const b = y[0]!;
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        o[i] = a < b ? 1 : 0;
      }
    } else {
      const a = x[0]!;
      for (let i = 0; i < n; i++) {
        const b = y[i]!;
        o[i] = a < b ? 1 : 0;
      }
    }
  },
  lessEqual(x, y, o, n, aFill, bFill) {
    if (!aFill && !bFill) {
      for (let i = 0; i < n; i++) {
        const a = x[i]!, b = y[i]!;
        o[i] = a <= b ? 1 : 0;
      }
    } else if (bFill) {
      const b = y[0]!;
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        o[i] = a <= b ? 1 : 0;
      }
    } else {
      const a = x[0]!;
      for (let i = 0; i < n; i++) {
        const b = y[i]!;
        o[i] = a <= b ? 1 : 0;
      }
    }
  },
  greater(x, y, o, n, aFill, bFill) {
    if (!aFill && !bFill) {
      for (let i = 0; i < n; i++) {
        const a = x[i]!, b = y[i]!;
        o[i] = a > b ? 1 : 0;
      }
    } else if (bFill) {
      const b = y[0]!;
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        o[i] = a > b ? 1 : 0;
      }
    } else {
      const a = x[0]!;
      for (let i = 0; i < n; i++) {
        const b = y[i]!;
        o[i] = a > b ? 1 : 0;
      }
    }
  },
  greaterEqual(x, y, o, n, aFill, bFill) {
    if (!aFill && !bFill) {
      for (let i = 0; i < n; i++) {
        const a = x[i]!, b = y[i]!;
        o[i] = a >= b ? 1 : 0;
      }
    } else if (bFill) {
      const b = y[0]!;
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        o[i] = a >= b ? 1 : 0;
      }
    } else {
      const a = x[0]!;
      for (let i = 0; i < n; i++) {
        const b = y[i]!;
        o[i] = a >= b ? 1 : 0;
      }
    }
  },
  equal(x, y, o, n, aFill, bFill) {
    if (!aFill && !bFill) {
      for (let i = 0; i < n; i++) {
        const a = x[i]!, b = y[i]!;
        o[i] = a === b ? 1 : 0;
      }
    } else if (bFill) {
      const b = y[0]!;
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        o[i] = a === b ? 1 : 0;
      }
    } else {
      const a = x[0]!;
      for (let i = 0; i < n; i++) {
        const b = y[i]!;
        o[i] = a === b ? 1 : 0;
      }
    }
  },
  notEqual(x, y, o, n, aFill, bFill) {
    if (!aFill && !bFill) {
      for (let i = 0; i < n; i++) {
        const a = x[i]!, b = y[i]!;
        o[i] = a !== b ? 1 : 0;
      }
    } else if (bFill) {
      const b = y[0]!;
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        o[i] = a !== b ? 1 : 0;
      }
    } else {
      const a = x[0]!;
      for (let i = 0; i < n; i++) {
        const b = y[i]!;
        o[i] = a !== b ? 1 : 0;
      }
    }
  },
};
