/**
 * Chapter 3: the Jacobian of a map from R² to R², polar to Cartesian coordinates, by forward mode
 * (`jacfwd`) and by reverse mode (`jacrev`).
 */
import { jacfwd, jacrev, stack, tensor, type Tensor } from "../../src/index.js";
import { fixed, heading, matrix, paragraph, sci, type Log } from "./format.js";

/** (r, θ) ↦ (x, y) = (r cos θ, r sin θ), on a vector [r, θ]. */
export const polarToCartesian = (p: Tensor): Tensor => {
  const r = p.take(0);
  const angle = p.take(1);
  return stack([r.mul(angle.cos()), r.mul(angle.sin())]);
};

export interface JacobianResult {
  readonly forward: number[][];
  readonly reverse: number[][];
  readonly formula: number[][];
  /** The largest |forward - reverse| over the four entries. */
  readonly maxDifference: number;
  readonly determinant: number;
}

export function jacobians(log: Log = console.log, r = 2, angle = Math.PI / 6): JacobianResult {
  heading(log, "3. The Jacobian of polar → Cartesian coordinates, (r, θ) ↦ (r cos θ, r sin θ)");
  const p = tensor([r, angle], { dtype: "float64" });
  const forward = jacfwd(polarToCartesian)(p).toArray() as number[][];
  const reverse = jacrev(polarToCartesian)(p).toArray() as number[][];
  const formula = [
    [Math.cos(angle), -r * Math.sin(angle)],
    [Math.sin(angle), r * Math.cos(angle)],
  ];
  const maxDifference = Math.max(...forward.flatMap((row, i) => row.map((v, j) => Math.abs(v - reverse[i]![j]!))));
  const determinant = forward[0]![0]! * forward[1]![1]! - forward[0]![1]! * forward[1]![0]!;

  log(`  At (r, θ) = (${r}, π/6):  (x, y) = (${fixed(r * Math.cos(angle), 6)}, ${fixed(r * Math.sin(angle), 6)})`);
  log("");
  log("  J = [[∂x/∂r, ∂x/∂θ], [∂y/∂r, ∂y/∂θ]] = [[cos θ, -r sin θ], [sin θ, r cos θ]]");
  log("");
  matrix(log, "jacfwd  ", forward);
  matrix(log, "jacrev  ", reverse);
  matrix(log, "formula ", formula);
  log("");
  log(`  largest |jacfwd - jacrev| = ${maxDifference === 0 ? "0 (identical)" : sci(maxDifference)};  det J = ${fixed(determinant, 6)} = r`);
  log("");
  paragraph(
    log,
    "jacfwd builds J column by column (one forward-mode JVP per input), jacrev row by row (one " +
      "reverse-mode VJP per output); both are vectorized with vmap. They agree, as they must: reverse " +
      "mode is the transpose of the same linearization. det J = r says a small patch dr × dθ covers " +
      "an area r·dr·dθ in the plane, the factor in ∫∫ f r dr dθ.",
  );
  return { forward, reverse, formula, maxDifference, determinant };
}
