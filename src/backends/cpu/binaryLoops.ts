import type { Storage } from "../../tensor/dtype.js";

/**
 * One loop per binary function over n outputs. Each input is read with its period: `n` for dense
 * data, 1 for a broadcast scalar, or a block length for a block repeated along leading axes (a
 * broadcast bias). At most one of the two periods is shorter than n; the kernel arranges that.
 */
export type BinaryLoop = (x: Storage, y: Storage, out: Storage, n: number, aPeriod: number, bPeriod: number) => void;

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
  add(x, y, o, n, pa, pb) {
    if (pa === n && pb === n) {
      for (let i = 0; i < n; i++) {
        const a = x[i]!, b = y[i]!;
        o[i] = a + b;
      }
    } else if (pb === 1) {
      const b = y[0]!;
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        o[i] = a + b;
      }
    } else if (pa === 1) {
      const a = x[0]!;
      for (let i = 0; i < n; i++) {
        const b = y[i]!;
        o[i] = a + b;
      }
    } else if (pb < n) {
      for (let base = 0; base < n; base += pb) {
        for (let j = 0; j < pb; j++) {
          const a = x[base + j]!, b = y[j]!;
          o[base + j] = a + b;
        }
      }
    } else {
      for (let base = 0; base < n; base += pa) {
        for (let j = 0; j < pa; j++) {
          const a = x[j]!, b = y[base + j]!;
          o[base + j] = a + b;
        }
      }
    }
  },
  sub(x, y, o, n, pa, pb) {
    if (pa === n && pb === n) {
      for (let i = 0; i < n; i++) {
        const a = x[i]!, b = y[i]!;
        o[i] = a - b;
      }
    } else if (pb === 1) {
      const b = y[0]!;
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        o[i] = a - b;
      }
    } else if (pa === 1) {
      const a = x[0]!;
      for (let i = 0; i < n; i++) {
        const b = y[i]!;
        o[i] = a - b;
      }
    } else if (pb < n) {
      for (let base = 0; base < n; base += pb) {
        for (let j = 0; j < pb; j++) {
          const a = x[base + j]!, b = y[j]!;
          o[base + j] = a - b;
        }
      }
    } else {
      for (let base = 0; base < n; base += pa) {
        for (let j = 0; j < pa; j++) {
          const a = x[j]!, b = y[base + j]!;
          o[base + j] = a - b;
        }
      }
    }
  },
  mul(x, y, o, n, pa, pb) {
    if (pa === n && pb === n) {
      for (let i = 0; i < n; i++) {
        const a = x[i]!, b = y[i]!;
        o[i] = a * b;
      }
    } else if (pb === 1) {
      const b = y[0]!;
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        o[i] = a * b;
      }
    } else if (pa === 1) {
      const a = x[0]!;
      for (let i = 0; i < n; i++) {
        const b = y[i]!;
        o[i] = a * b;
      }
    } else if (pb < n) {
      for (let base = 0; base < n; base += pb) {
        for (let j = 0; j < pb; j++) {
          const a = x[base + j]!, b = y[j]!;
          o[base + j] = a * b;
        }
      }
    } else {
      for (let base = 0; base < n; base += pa) {
        for (let j = 0; j < pa; j++) {
          const a = x[j]!, b = y[base + j]!;
          o[base + j] = a * b;
        }
      }
    }
  },
  div(x, y, o, n, pa, pb) {
    if (pa === n && pb === n) {
      for (let i = 0; i < n; i++) {
        const a = x[i]!, b = y[i]!;
        o[i] = a / b;
      }
    } else if (pb === 1) {
      const b = y[0]!;
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        o[i] = a / b;
      }
    } else if (pa === 1) {
      const a = x[0]!;
      for (let i = 0; i < n; i++) {
        const b = y[i]!;
        o[i] = a / b;
      }
    } else if (pb < n) {
      for (let base = 0; base < n; base += pb) {
        for (let j = 0; j < pb; j++) {
          const a = x[base + j]!, b = y[j]!;
          o[base + j] = a / b;
        }
      }
    } else {
      for (let base = 0; base < n; base += pa) {
        for (let j = 0; j < pa; j++) {
          const a = x[j]!, b = y[base + j]!;
          o[base + j] = a / b;
        }
      }
    }
  },
  pow(x, y, o, n, pa, pb) {
    if (pa === n && pb === n) {
      for (let i = 0; i < n; i++) {
        const a = x[i]!, b = y[i]!;
        o[i] = Math.pow(a, b);
      }
    } else if (pb === 1) {
      const b = y[0]!;
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        o[i] = Math.pow(a, b);
      }
    } else if (pa === 1) {
      const a = x[0]!;
      for (let i = 0; i < n; i++) {
        const b = y[i]!;
        o[i] = Math.pow(a, b);
      }
    } else if (pb < n) {
      for (let base = 0; base < n; base += pb) {
        for (let j = 0; j < pb; j++) {
          const a = x[base + j]!, b = y[j]!;
          o[base + j] = Math.pow(a, b);
        }
      }
    } else {
      for (let base = 0; base < n; base += pa) {
        for (let j = 0; j < pa; j++) {
          const a = x[j]!, b = y[base + j]!;
          o[base + j] = Math.pow(a, b);
        }
      }
    }
  },
  max(x, y, o, n, pa, pb) {
    if (pa === n && pb === n) {
      for (let i = 0; i < n; i++) {
        const a = x[i]!, b = y[i]!;
        o[i] = a > b || a !== a ? a : b;
      }
    } else if (pb === 1) {
      const b = y[0]!;
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        o[i] = a > b || a !== a ? a : b;
      }
    } else if (pa === 1) {
      const a = x[0]!;
      for (let i = 0; i < n; i++) {
        const b = y[i]!;
        o[i] = a > b || a !== a ? a : b;
      }
    } else if (pb < n) {
      for (let base = 0; base < n; base += pb) {
        for (let j = 0; j < pb; j++) {
          const a = x[base + j]!, b = y[j]!;
          o[base + j] = a > b || a !== a ? a : b;
        }
      }
    } else {
      for (let base = 0; base < n; base += pa) {
        for (let j = 0; j < pa; j++) {
          const a = x[j]!, b = y[base + j]!;
          o[base + j] = a > b || a !== a ? a : b;
        }
      }
    }
  },
  min(x, y, o, n, pa, pb) {
    if (pa === n && pb === n) {
      for (let i = 0; i < n; i++) {
        const a = x[i]!, b = y[i]!;
        o[i] = a < b || a !== a ? a : b;
      }
    } else if (pb === 1) {
      const b = y[0]!;
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        o[i] = a < b || a !== a ? a : b;
      }
    } else if (pa === 1) {
      const a = x[0]!;
      for (let i = 0; i < n; i++) {
        const b = y[i]!;
        o[i] = a < b || a !== a ? a : b;
      }
    } else if (pb < n) {
      for (let base = 0; base < n; base += pb) {
        for (let j = 0; j < pb; j++) {
          const a = x[base + j]!, b = y[j]!;
          o[base + j] = a < b || a !== a ? a : b;
        }
      }
    } else {
      for (let base = 0; base < n; base += pa) {
        for (let j = 0; j < pa; j++) {
          const a = x[j]!, b = y[base + j]!;
          o[base + j] = a < b || a !== a ? a : b;
        }
      }
    }
  },
  atan2(x, y, o, n, pa, pb) {
    if (pa === n && pb === n) {
      for (let i = 0; i < n; i++) {
        const a = x[i]!, b = y[i]!;
        o[i] = Math.atan2(a, b);
      }
    } else if (pb === 1) {
      const b = y[0]!;
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        o[i] = Math.atan2(a, b);
      }
    } else if (pa === 1) {
      const a = x[0]!;
      for (let i = 0; i < n; i++) {
        const b = y[i]!;
        o[i] = Math.atan2(a, b);
      }
    } else if (pb < n) {
      for (let base = 0; base < n; base += pb) {
        for (let j = 0; j < pb; j++) {
          const a = x[base + j]!, b = y[j]!;
          o[base + j] = Math.atan2(a, b);
        }
      }
    } else {
      for (let base = 0; base < n; base += pa) {
        for (let j = 0; j < pa; j++) {
          const a = x[j]!, b = y[base + j]!;
          o[base + j] = Math.atan2(a, b);
        }
      }
    }
  },
  less(x, y, o, n, pa, pb) {
    if (pa === n && pb === n) {
      for (let i = 0; i < n; i++) {
        const a = x[i]!, b = y[i]!;
        o[i] = a < b ? 1 : 0;
      }
    } else if (pb === 1) {
      const b = y[0]!;
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        o[i] = a < b ? 1 : 0;
      }
    } else if (pa === 1) {
      const a = x[0]!;
      for (let i = 0; i < n; i++) {
        const b = y[i]!;
        o[i] = a < b ? 1 : 0;
      }
    } else if (pb < n) {
      for (let base = 0; base < n; base += pb) {
        for (let j = 0; j < pb; j++) {
          const a = x[base + j]!, b = y[j]!;
          o[base + j] = a < b ? 1 : 0;
        }
      }
    } else {
      for (let base = 0; base < n; base += pa) {
        for (let j = 0; j < pa; j++) {
          const a = x[j]!, b = y[base + j]!;
          o[base + j] = a < b ? 1 : 0;
        }
      }
    }
  },
  lessEqual(x, y, o, n, pa, pb) {
    if (pa === n && pb === n) {
      for (let i = 0; i < n; i++) {
        const a = x[i]!, b = y[i]!;
        o[i] = a <= b ? 1 : 0;
      }
    } else if (pb === 1) {
      const b = y[0]!;
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        o[i] = a <= b ? 1 : 0;
      }
    } else if (pa === 1) {
      const a = x[0]!;
      for (let i = 0; i < n; i++) {
        const b = y[i]!;
        o[i] = a <= b ? 1 : 0;
      }
    } else if (pb < n) {
      for (let base = 0; base < n; base += pb) {
        for (let j = 0; j < pb; j++) {
          const a = x[base + j]!, b = y[j]!;
          o[base + j] = a <= b ? 1 : 0;
        }
      }
    } else {
      for (let base = 0; base < n; base += pa) {
        for (let j = 0; j < pa; j++) {
          const a = x[j]!, b = y[base + j]!;
          o[base + j] = a <= b ? 1 : 0;
        }
      }
    }
  },
  greater(x, y, o, n, pa, pb) {
    if (pa === n && pb === n) {
      for (let i = 0; i < n; i++) {
        const a = x[i]!, b = y[i]!;
        o[i] = a > b ? 1 : 0;
      }
    } else if (pb === 1) {
      const b = y[0]!;
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        o[i] = a > b ? 1 : 0;
      }
    } else if (pa === 1) {
      const a = x[0]!;
      for (let i = 0; i < n; i++) {
        const b = y[i]!;
        o[i] = a > b ? 1 : 0;
      }
    } else if (pb < n) {
      for (let base = 0; base < n; base += pb) {
        for (let j = 0; j < pb; j++) {
          const a = x[base + j]!, b = y[j]!;
          o[base + j] = a > b ? 1 : 0;
        }
      }
    } else {
      for (let base = 0; base < n; base += pa) {
        for (let j = 0; j < pa; j++) {
          const a = x[j]!, b = y[base + j]!;
          o[base + j] = a > b ? 1 : 0;
        }
      }
    }
  },
  greaterEqual(x, y, o, n, pa, pb) {
    if (pa === n && pb === n) {
      for (let i = 0; i < n; i++) {
        const a = x[i]!, b = y[i]!;
        o[i] = a >= b ? 1 : 0;
      }
    } else if (pb === 1) {
      const b = y[0]!;
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        o[i] = a >= b ? 1 : 0;
      }
    } else if (pa === 1) {
      const a = x[0]!;
      for (let i = 0; i < n; i++) {
        const b = y[i]!;
        o[i] = a >= b ? 1 : 0;
      }
    } else if (pb < n) {
      for (let base = 0; base < n; base += pb) {
        for (let j = 0; j < pb; j++) {
          const a = x[base + j]!, b = y[j]!;
          o[base + j] = a >= b ? 1 : 0;
        }
      }
    } else {
      for (let base = 0; base < n; base += pa) {
        for (let j = 0; j < pa; j++) {
          const a = x[j]!, b = y[base + j]!;
          o[base + j] = a >= b ? 1 : 0;
        }
      }
    }
  },
  equal(x, y, o, n, pa, pb) {
    if (pa === n && pb === n) {
      for (let i = 0; i < n; i++) {
        const a = x[i]!, b = y[i]!;
        o[i] = a === b ? 1 : 0;
      }
    } else if (pb === 1) {
      const b = y[0]!;
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        o[i] = a === b ? 1 : 0;
      }
    } else if (pa === 1) {
      const a = x[0]!;
      for (let i = 0; i < n; i++) {
        const b = y[i]!;
        o[i] = a === b ? 1 : 0;
      }
    } else if (pb < n) {
      for (let base = 0; base < n; base += pb) {
        for (let j = 0; j < pb; j++) {
          const a = x[base + j]!, b = y[j]!;
          o[base + j] = a === b ? 1 : 0;
        }
      }
    } else {
      for (let base = 0; base < n; base += pa) {
        for (let j = 0; j < pa; j++) {
          const a = x[j]!, b = y[base + j]!;
          o[base + j] = a === b ? 1 : 0;
        }
      }
    }
  },
  notEqual(x, y, o, n, pa, pb) {
    if (pa === n && pb === n) {
      for (let i = 0; i < n; i++) {
        const a = x[i]!, b = y[i]!;
        o[i] = a !== b ? 1 : 0;
      }
    } else if (pb === 1) {
      const b = y[0]!;
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        o[i] = a !== b ? 1 : 0;
      }
    } else if (pa === 1) {
      const a = x[0]!;
      for (let i = 0; i < n; i++) {
        const b = y[i]!;
        o[i] = a !== b ? 1 : 0;
      }
    } else if (pb < n) {
      for (let base = 0; base < n; base += pb) {
        for (let j = 0; j < pb; j++) {
          const a = x[base + j]!, b = y[j]!;
          o[base + j] = a !== b ? 1 : 0;
        }
      }
    } else {
      for (let base = 0; base < n; base += pa) {
        for (let j = 0; j < pa; j++) {
          const a = x[j]!, b = y[base + j]!;
          o[base + j] = a !== b ? 1 : 0;
        }
      }
    }
  },
};
