/**
 * Numeric CSV tables. The text is treated as untrusted input: it is parsed completely and checked
 * (structure, header names, every selected value) before any column is handed out, and every
 * problem is reported with its line and column.
 */
import { ValueError } from "../errors.js";
import { Tensor } from "../tensor/tensor.js";
import { tensor } from "../ops/creation.js";

/**
 * Options of `readCsv` and `loadCsv`.
 * @example
 * readCsv("1;2\n3;4\n", { header: false, names: ["a", "b"], delimiter: ";" }).column("b");   // => [2, 4]
 */
export interface CsvOptions {
  /** The first record holds the column names (default true). */
  header?: boolean;
  /**
   * Column names for a file without a header (requires `header: false`). Without them, the
   * columns of a headerless file are named by their position: "0", "1", ...
   */
  names?: readonly string[];
  /**
   * Only these columns, in this order. Unselected columns are checked for structure but not
   * parsed, so they may hold text.
   */
  columns?: readonly string[];
  /** The field separator, one character other than a quote, CR or LF (default ","). */
  delimiter?: string;
}

/** The numeric columns of a CSV file, each a Float64Array of `rowCount` values. */
export class CsvTable {
  /** Column names, in file order (or in the order of the `columns` option). */
  readonly names: readonly string[];
  /** Number of data records (the header excluded). */
  readonly rowCount: number;
  readonly #columns: ReadonlyMap<string, Float64Array>;

  /** @internal Use `readCsv` or `loadCsv`. */
  constructor(names: readonly string[], columns: ReadonlyMap<string, Float64Array>, rowCount: number) {
    this.names = names;
    this.#columns = columns;
    this.rowCount = rowCount;
  }

  /**
   * The values of one column (the table's own array: copy it before changing it).
   * @throws ValueError for a name that is not a column of the table
   */
  column(name: string): Float64Array {
    const values = this.#columns.get(name);
    if (values === undefined) {
      throw new ValueError("CsvTable.column", `expected one of ${formatNames(this.names)}, got ${JSON.stringify(name)}. Check the spelling against the header.`);
    }
    return values;
  }

  /**
   * The chosen columns side by side as a float64 tensor of shape [rowCount, names.length]
   * (all columns by default).
   * @example
   * readCsv("a,b\n1,2\n3,4\n").tensor(["b", "a"]).toArray();   // => [[2, 1], [4, 3]]
   */
  tensor(names: readonly string[] = this.names): Tensor {
    const selected = names.map((name) => this.column(name));
    const width = selected.length;
    const out = new Float64Array(this.rowCount * width);
    selected.forEach((values, j) => {
      for (let i = 0; i < this.rowCount; i++) out[i * width + j] = values[i]!;
    });
    return tensor(out, { shape: [this.rowCount, width] });
  }
}

/**
 * Parses CSV text (RFC 4180: quoted fields may hold delimiters, quotes written twice, and line
 * breaks; records end with LF or CRLF) whose selected columns are all numbers. Blank lines are
 * refused, except at the very end; a leading byte-order mark is ignored; spaces around a number
 * are allowed. Numbers are decimal (`12`, `-0.5`, `1e-3`); empty fields, `NaN`, `Infinity`, hex
 * and other text are refused.
 *
 * @param text - the whole file's text (read it yourself, or use `loadCsv`)
 * @throws ValueError `readCsv: <expected>, got <received> at line N, column M. <hint>` for empty
 *   input, ragged records, non-numeric values, duplicate, empty or unknown column names and bad quotes
 * @example
 * const table = readCsv("x,y\n1,2\n3,4\n");
 * table.column("y");   // => [2, 4]
 */
export function readCsv(text: string, options: CsvOptions = {}): CsvTable {
  const header = options.header ?? true;
  const delimiter = checkDelimiter(options.delimiter ?? ",");
  if (typeof text !== "string") throw new ValueError("readCsv", `expected text as a string, got ${typeof text}. Read the file first, or use loadCsv(path).`);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records = parseRecords(text, delimiter);
  if (records.length === 0) {
    throw new ValueError("readCsv", `expected at least one record, got empty input at line 1, column 1. Pass the file's text, not its path (loadCsv reads a file).`);
  }

  const first = records[0]!;
  const width = first.fields.length;
  let names: readonly string[];
  if (header) {
    if (options.names !== undefined) {
      throw new ValueError("readCsv", `expected names only with header: false, got both a header row and names at line 1, column 1. Drop names, or pass header: false.`);
    }
    names = first.fields;
    checkNames(names, first);
  } else {
    names = options.names ?? first.fields.map((_, j) => String(j));
    if (names.length !== width) {
      throw new ValueError(
        "readCsv",
        `expected ${names.length} fields (one per name), got ${width} at line ${first.line}, column 1. Give one name per column.`,
      );
    }
    checkNames(names, null);
  }

  const selected = options.columns ?? names;
  const positions = selected.map((name) => {
    const j = names.indexOf(name);
    if (j < 0) {
      throw new ValueError(
        "readCsv",
        `expected a column named ${JSON.stringify(name)}, got columns ${formatNames(names)} at line 1, column 1. Check the spelling, or pass header: false for a file without a header.`,
      );
    }
    return j;
  });
  if (new Set(selected).size !== selected.length) {
    const twice = selected.find((name, i) => selected.indexOf(name) !== i)!;
    throw new ValueError("readCsv", `expected distinct names in columns, got ${JSON.stringify(twice)} twice at line 1, column 1. List each column once.`);
  }

  const body = header ? records.slice(1) : records;
  const columns = positions.map(() => new Float64Array(body.length));
  body.forEach((record, i) => {
    if (record.fields.length !== width) {
      const blank = record.fields.length === 1 && record.fields[0] === "" && !record.quoted[0];
      throw new ValueError(
        "readCsv",
        `expected ${width} fields (as in the ${header ? "header" : "first record"}), got ${blank ? "a blank line" : record.fields.length} at line ${record.line}, column ${record.endColumn}. ` +
          (blank ? "Remove blank lines between records." : "Every record needs one value per column: look for a missing or extra delimiter, or an unquoted delimiter inside a value."),
      );
    }
    positions.forEach((j, k) => {
      columns[k]![i] = parseNumber(record.fields[j]!, names[j]!, record.line, record.columns[j]!);
    });
  });
  return new CsvTable([...selected], new Map(selected.map((name, k) => [name, columns[k]!])), body.length);
}

/**
 * Reads a UTF-8 CSV file and parses it with `readCsv` (Node.js only).
 * @throws ValueError where there is no file system; Node's own error for a file it cannot read
 * @example
 * const housing = loadCsv("data/california-housing.csv");
 * housing.rowCount;   // => 20640
 */
export function loadCsv(path: string | URL, options: CsvOptions = {}): CsvTable {
  // node:fs is looked up when called, not imported, so that importing nabla stays possible where
  // there is no file system (browsers); readCsv works everywhere.
  const fs = typeof process === "undefined" ? undefined : process.getBuiltinModule?.("node:fs");
  if (fs === undefined) {
    throw new ValueError("loadCsv", `expected Node.js 20.16 or later, got a runtime without node:fs. Read the file yourself and pass its text to readCsv.`);
  }
  return readCsv(fs.readFileSync(path, "utf8"), options);
}

interface CsvRecord {
  readonly fields: string[];
  /** Whether each field was quoted. */
  readonly quoted: boolean[];
  /** 1-based column of each field's first character. */
  readonly columns: number[];
  /** 1-based line on which the record starts. */
  readonly line: number;
  /** 1-based column just past the record's last character. */
  readonly endColumn: number;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Splits text into records, checking quotes. A final line break, and blank lines after it, end the text. */
function parseRecords(text: string, delimiter: string): CsvRecord[] {
  const sep = delimiter.charCodeAt(0);
  const records: CsvRecord[] = [];
  const end = trailingBlankStart(text);
  let pos = 0;
  let line = 1;
  let lineStart = 0;
  while (pos < end) {
    const record: CsvRecord = { fields: [], quoted: [], columns: [], line, endColumn: 0 };
    for (;;) {
      const column = pos - lineStart + 1;
      let value: string;
      let quoted = false;
      if (text.charCodeAt(pos) === QUOTE) {
        quoted = true;
        const openLine = line;
        let parts = "";
        let from = pos + 1;
        for (;;) {
          const close = text.indexOf('"', from);
          if (close < 0 || close >= end) {
            for (let k = text.indexOf("\n", from); k >= 0 && k < end; k = text.indexOf("\n", k + 1)) {
              line++;
              lineStart = k + 1;
            }
            throw new ValueError(
              "readCsv",
              `expected a closing quote, got the end of the input at line ${line}, column ${end - lineStart + 1}. The quoted field that opens at line ${openLine}, column ${column} never closes; write a quote inside a quoted field as "".`,
            );
          }
          for (let k = text.indexOf("\n", from); k >= 0 && k < close; k = text.indexOf("\n", k + 1)) {
            line++;
            lineStart = k + 1;
          }
          parts += text.slice(from, close);
          if (text.charCodeAt(close + 1) === QUOTE) {
            parts += '"';
            from = close + 2;
          } else {
            pos = close + 1;
            break;
          }
        }
        value = parts;
        const next = text.charCodeAt(pos);
        if (pos < end && next !== sep && next !== LF && !(next === CR && text.charCodeAt(pos + 1) === LF)) {
          throw new ValueError(
            "readCsv",
            `expected a delimiter or the end of the line after a closing quote, got ${JSON.stringify(text[pos])} at line ${line}, column ${pos - lineStart + 1}. Write a quote inside a quoted field as "".`,
          );
        }
      } else {
        let stop = pos;
        while (stop < end) {
          const c = text.charCodeAt(stop);
          if (c === sep || c === LF || (c === CR && text.charCodeAt(stop + 1) === LF)) break;
          if (c === QUOTE) {
            throw new ValueError(
              "readCsv",
              `expected a quote only at the start of a field, got '"' inside a field at line ${line}, column ${stop - lineStart + 1}. Quote the whole field and write the inner quote as "".`,
            );
          }
          stop++;
        }
        value = text.slice(pos, stop);
        pos = stop;
      }
      record.fields.push(value);
      record.quoted.push(quoted);
      record.columns.push(column);
      if (pos < end && text.charCodeAt(pos) === sep) {
        pos++;
        continue;
      }
      break;
    }
    (record as { endColumn: number }).endColumn = pos - lineStart + 1;
    if (text.charCodeAt(pos) === CR) pos++;
    if (text.charCodeAt(pos) === LF) {
      pos++;
      line++;
      lineStart = pos;
    }
    records.push(record);
  }
  return records;
}

/** Where the run of line breaks at the end of the text begins. */
function trailingBlankStart(text: string): number {
  let end = text.length;
  while (end > 0) {
    const c = text.charCodeAt(end - 1);
    if (c !== LF && c !== CR) break;
    end--;
  }
  return end;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function parseNumber(field: string, name: string, line: number, column: number): number {
  const trimmed = field.trim();
  if (NUMBER.test(trimmed)) {
    const value = Number(trimmed);
    if (Number.isFinite(value)) return value;
  }
  const shown = field === "" ? "an empty field" : JSON.stringify(field.length > 40 ? `${field.slice(0, 40)}...` : field);
  const hint = field === ""
    ? "Missing values are not supported: fill them in or drop the record."
    : "Fix or remove the value, or leave the column out with the columns option.";
  throw new ValueError("readCsv", `expected a finite decimal number in column ${JSON.stringify(name)}, got ${shown} at line ${line}, column ${column}. ${hint}`);
}

/** Refuses empty and duplicate column names, pointing at the header field when there is one. */
function checkNames(names: readonly string[], headerRecord: CsvRecord | null): void {
  const where = (j: number): string => headerRecord === null ? `in names[${j}]` : `at line ${headerRecord.line}, column ${headerRecord.columns[j]}`;
  const seen = new Map<string, number>();
  names.forEach((name, j) => {
    if (typeof name !== "string" || name.trim() === "") {
      throw new ValueError("readCsv", `expected a name for every column, got an empty name ${where(j)}. Name the column${headerRecord === null ? "" : " in the header, or pass header: false"}.`);
    }
    const before = seen.get(name);
    if (before !== undefined) {
      throw new ValueError(
        "readCsv",
        `expected distinct column names, got ${JSON.stringify(name)} twice (columns ${before + 1} and ${j + 1}) ${where(j)}. Rename one of them.`,
      );
    }
    seen.set(name, j);
  });
}

function checkDelimiter(delimiter: string): string {
  if (typeof delimiter !== "string" || delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
    throw new ValueError("readCsv", `expected a delimiter of one character other than a quote or a line break, got ${JSON.stringify(delimiter)}. Use "," or ";" or "\\t".`);
  }
  return delimiter;
}

function formatNames(names: readonly string[]): string {
  const shown = names.slice(0, 12).map((name) => JSON.stringify(name)).join(", ");
  return `[${shown}${names.length > 12 ? `, ... (${names.length} in all)` : ""}]`;
}
