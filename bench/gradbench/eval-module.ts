/**
 * The shape of one GradBench eval implemented with nabla. The tool (main.ts) times only `run`,
 * under the name "evaluate"; `prepare` (JSON input to tensors) is timed once as "prepare", and
 * `output` (tensors to plain JSON) is not timed, as GradBench's protocol asks.
 */
export interface EvalFunction<Input = any, Prepared = any, Result = any> {
  /** Turns the message's `input` into nabla tensors and settings; validates it. */
  prepare(input: Input): Prepared;
  /** The computation GradBench scores: the function or its derivative, by nabla's transformations. */
  run(prepared: Prepared): Result;
  /** Turns the last run's result into plain JSON values (finite numbers, arrays, objects). */
  output(result: Result): unknown;
}

/** An eval's functions by the names GradBench sends (`primal`, `gradient`, `objective`, ...). */
export type EvalModule = Readonly<Record<string, EvalFunction>>;
