// Finds which step (and which of its fields) a preprocess cell's error is about, so the form can
// show the message beside the control. The core words these errors in two ways:
//   ParamError  "params.steps[2].expr: unexpected end (at character 9)"
//   StepError   "steps[2] (derive): expression \"a *\": unknown column \"a\" (at character 1)"

/** A run error pinned to a step: its index, the step's JSON key when known, and the expression position. */
export interface StepProblem {
  readonly index: number;
  /** Top-level key of the step (e.g. "where" for params.steps[0].where[1].value). */
  readonly field?: string;
  /** Where below that key, e.g. "[1].value" (empty for the key itself). */
  readonly subpath: string;
  readonly message: string;
  /** Zero-based character position in the expression, when the message gives one. */
  readonly pos?: number;
}

const PARAM = /^params\.steps\[(\d+)\](?:\.([A-Za-z_]\w*))?((?:\[\d+\]|\.[A-Za-z_]\w*)*): ([\s\S]*)$/;
const STEP = /^steps\[(\d+)\] \(\w+\): ([\s\S]*)$/;
const POSITION = /\(at character (\d+)\)/;

/** The step problem in `error`, or null when the error is not about one step. */
export function stepProblem(error: string | undefined): StepProblem | null {
  if (!error) return null;
  const position = (text: string) => {
    const m = POSITION.exec(text);
    return m ? Number(m[1]) - 1 : undefined;
  };
  const param = PARAM.exec(error);
  if (param) {
    const [, index, field, subpath, message] = param;
    return { index: Number(index), field, subpath, message, pos: field === "expr" ? position(message) : undefined };
  }
  const step = STEP.exec(error);
  if (step) {
    const message = step[2];
    const isExpr = message.startsWith("expression ");
    return { index: Number(step[1]), field: isExpr ? "expr" : undefined, subpath: "", message, pos: isExpr ? position(message) : undefined };
  }
  return null;
}
