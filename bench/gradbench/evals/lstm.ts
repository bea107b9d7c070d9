/**
 * GradBench `lstm`: the loss of a diagonal LSTM language model over a character sequence, and its
 * gradient with respect to all parameters, by reverse mode.
 *
 * Every weight is diagonal (an elementwise product), so each layer's four gates are computed
 * together on one stacked vector of length 4b: inputs [u, h, u, h] (forget and output gates read
 * the layer's input u, the input gate and the candidate read the previous hidden state h, as the
 * reference does), times the stacked weights, plus the stacked biases. The loop over characters
 * is sequential; the prediction and the loss are computed after it for all characters at once.
 */
import { concatenate, grad, sigmoid, tensor, type Tensor } from "../../../src/index.js";
import type { EvalFunction, EvalModule } from "../eval-module.js";
import { floatMatrix } from "../json-input.js";

interface LstmInput {
  main_params: number[][];
  extra_params: number[][];
  state: number[][];
  sequence: number[][];
}

/** The data the loss does not differentiate. */
export interface LstmData {
  /** Initial hidden and cell vectors, [2l, b]: row 2i is layer i's hidden, row 2i + 1 its cell. */
  state: Tensor;
  /** The characters as bit vectors, [c, b]. */
  sequence: Tensor;
  /** The same characters one by one, [b] each. */
  characters: readonly Tensor[];
}

/**
 * The model's loss: −(1 / ((c − 1) b)) Σ_t Σ_j sequence[t + 1][j] · (ypred_t[j] − log(Σ_j exp(ypred_t[j]) + 2)),
 * where ypred_t is the prediction after reading character t (the + 2 is the reference's).
 */
export function lstmObjective(mainParams: Tensor, extraParams: Tensor, { state, sequence, characters }: LstmData): Tensor {
  const layers = mainParams.shape[0]! / 2;
  const b = extraParams.shape[1]!;
  const c = sequence.shape[0]!;
  // Per layer: the stacked weights and biases of the three sigmoid gates, and those of the candidate.
  const gateWeights: Tensor[] = [];
  const gateBiases: Tensor[] = [];
  const changeWeights: Tensor[] = [];
  const changeBiases: Tensor[] = [];
  const hidden: Tensor[] = [];
  const cells: Tensor[] = [];
  for (let i = 0; i < layers; i++) {
    const w = mainParams.slice(2 * i);
    const bias = mainParams.slice(2 * i + 1);
    gateWeights.push(w.slice([0, 3 * b]));
    gateBiases.push(bias.slice([0, 3 * b]));
    changeWeights.push(w.slice([3 * b]));
    changeBiases.push(bias.slice([3 * b]));
    hidden.push(state.slice(2 * i));
    cells.push(state.slice(2 * i + 1));
  }
  const inWeight = extraParams.slice(0);
  const lastHidden: Tensor[] = [];
  for (let t = 0; t < c - 1; t++) {
    // Each step scales its own character (a constant row): slicing one [c − 1, b] product per step
    // instead would make reverse mode pad every row's cotangent back to [c − 1, b], O(c²) work.
    let u = characters[t]!.mul(inWeight);
    for (let i = 0; i < layers; i++) {
      const h = hidden[i]!;
      const gates = sigmoid(concatenate([u, h, u]).mul(gateWeights[i]!).add(gateBiases[i]!)); // forget, input, output
      const change = h.mul(changeWeights[i]!).add(changeBiases[i]!).tanh();
      const cell = cells[i]!.mul(gates.slice([0, b])).add(gates.slice([b, 2 * b]).mul(change));
      u = gates.slice([2 * b]).mul(cell.tanh());
      hidden[i] = u;
      cells[i] = cell;
    }
    lastHidden.push(u);
  }
  const predictions = concatenate(lastHidden).reshape([c - 1, b]).mul(extraParams.slice(1)).add(extraParams.slice(2));
  const logNormalizer = predictions.exp().sum(1, { keepdims: true }).add(2).log();
  const total = sequence.slice([1]).mul(predictions.sub(logNormalizer)).sum();
  return total.mul(-1 / ((c - 1) * b));
}

const lstmGradient = grad(lstmObjective, { argnums: [0, 1] });

interface Prepared {
  mainParams: Tensor;
  extraParams: Tensor;
  data: LstmData;
}

function prepare(input: LstmInput): Prepared {
  const main = floatMatrix("lstm", input.main_params, "main_params");
  const extra = floatMatrix("lstm", input.extra_params, "extra_params");
  const state = floatMatrix("lstm", input.state, "state");
  const sequence = floatMatrix("lstm", input.sequence, "sequence");
  const b = extra.shape[1];
  if (extra.shape[0] !== 3) throw new Error(`lstm: expected extra_params to have 3 rows (in_weight, out_weight, out_bias), got ${extra.shape[0]}.`);
  if (main.shape[0] === 0 || main.shape[0] % 2 !== 0 || main.shape[1] !== 4 * b) {
    throw new Error(`lstm: expected main_params of shape [2l, 4b] = [2l, ${4 * b}] with l ≥ 1, got [${main.shape.join(", ")}].`);
  }
  if (state.shape[0] !== main.shape[0] || state.shape[1] !== b) {
    throw new Error(`lstm: expected state of shape [${main.shape[0]}, ${b}], got [${state.shape.join(", ")}].`);
  }
  if (sequence.shape[0] < 2 || sequence.shape[1] !== b) {
    throw new Error(`lstm: expected a sequence of at least 2 rows of ${b} bits, got [${sequence.shape.join(", ")}].`);
  }
  const f64 = (m: { data: Float64Array; shape: [number, number] }): Tensor => tensor(m.data, { shape: m.shape, dtype: "float64" });
  const characters = Array.from({ length: sequence.shape[0] }, (_, t) => tensor(sequence.data.subarray(t * b, (t + 1) * b), { shape: [b], dtype: "float64" }));
  return { mainParams: f64(main), extraParams: f64(extra), data: { state: f64(state), sequence: f64(sequence), characters } };
}

const objective: EvalFunction<LstmInput, Prepared, Tensor> = {
  prepare,
  run: ({ mainParams, extraParams, data }) => lstmObjective(mainParams, extraParams, data),
  output: (y) => y.item(),
};

/** The gradient flattened as GradBench lists it: main_params row by row, then extra_params. */
const jacobian: EvalFunction<LstmInput, Prepared, [Tensor, Tensor]> = {
  prepare,
  run: ({ mainParams, extraParams, data }) => lstmGradient(mainParams, extraParams, data) as [Tensor, Tensor],
  output: ([main, extra]) => [...main.data(), ...extra.data()],
};

export const lstm: EvalModule = { objective, jacobian };
