/** Printing helpers shared by the tour's chapters: headings, aligned numbers and small tables. */

/** Where a chapter writes its lines (console.log in the tour, an array in the tests). */
export type Log = (line: string) => void;

/** A chapter heading: a title underlined to its width, after a blank line. */
export function heading(log: Log, title: string): void {
  log("");
  log(title);
  log("=".repeat(title.length));
}

/** A number with a fixed count of decimals, padded on the left to `width` characters. */
export function fixed(x: number, decimals: number, width = 0): string {
  const text = Object.is(x, -0) || Math.abs(x) < 0.5 * 10 ** -decimals ? (0).toFixed(decimals) : x.toFixed(decimals);
  return text.padStart(width);
}

/** A number in scientific notation with `digits` significant digits after the point. */
export function sci(x: number, digits = 1, width = 0): string {
  return x.toExponential(digits).padStart(width);
}

/** Dollars rounded to the nearest hundred, with thousands separators and an explicit sign. */
export function dollars(x: number): string {
  const rounded = Math.round(Math.abs(x) / 100) * 100;
  return `${x < 0 ? "-" : "+"}$${rounded.toLocaleString("en-US")}`;
}

/**
 * Rows of cells as aligned columns: the first column left-aligned unless it holds only numbers, the
 * others right-aligned, a rule under the header row.
 */
export function table(log: Log, header: readonly string[], rows: readonly (readonly string[])[], indent = "  "): void {
  const widths = header.map((cell, j) => Math.max(cell.length, ...rows.map((row) => row[j]!.length)));
  const numericFirst = rows.every((row) => /^[-+]?[\d.]+$/.test(row[0]!));
  const line = (cells: readonly string[]): string =>
    indent + cells.map((cell, j) => (j === 0 && !numericFirst ? cell.padEnd(widths[j]!) : cell.padStart(widths[j]!))).join("   ").trimEnd();
  log(line(header));
  log(indent + widths.map((w) => "-".repeat(w)).join("   "));
  for (const row of rows) log(line(row));
}

/** A small matrix of numbers as aligned rows, each prefixed by `label` on its first row. */
export function matrix(log: Log, label: string, rows: readonly (readonly number[])[], decimals = 6): void {
  const cells = rows.map((row) => row.map((x) => fixed(x, decimals)));
  const width = Math.max(...cells.flat().map((cell) => cell.length));
  cells.forEach((row, i) => {
    const prefix = i === 0 ? label : " ".repeat(label.length);
    log(`  ${prefix} ${i === 0 ? "[" : " "}[${row.map((cell) => cell.padStart(width)).join("  ")}]${i === rows.length - 1 ? "]" : ""}`);
  });
}

/** Wraps a paragraph to `width` columns with an indent, for the explanations under each result. */
export function paragraph(log: Log, text: string, width = 96, indent = "  "): void {
  let current = "";
  for (const word of text.split(/\s+/)) {
    if (current !== "" && indent.length + current.length + 1 + word.length > width) {
      log(indent + current);
      current = word;
    } else {
      current = current === "" ? word : `${current} ${word}`;
    }
  }
  if (current !== "") log(indent + current);
}
