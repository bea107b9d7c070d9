import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ValueError } from "../../src/index.js";
import { CsvTable, loadCsv, readCsv } from "../../src/io/index.js";

/** The message of the error `run` throws (failing the test when it throws none or not a ValueError). */
function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValueError);
    return (error as Error).message;
  }
  throw new Error("expected a ValueError, got none");
}

describe("readCsv on well-formed input", () => {
  it("returns each header column as a Float64Array", () => {
    const table = readCsv("x,y\n1,2\n3.5,-4e-1\n");
    expect(table).toBeInstanceOf(CsvTable);
    expect(table.names).toEqual(["x", "y"]);
    expect(table.rowCount).toBe(2);
    expect(table.column("x")).toEqual(new Float64Array([1, 3.5]));
    expect(table.column("y")).toEqual(new Float64Array([2, -0.4]));
  });

  it("accepts CRLF line ends, a missing final line break, a byte-order mark and spaces around numbers", () => {
    const table = readCsv("\uFEFFa,b\r\n 1 , 2\r\n3,4");
    expect(table.names).toEqual(["a", "b"]);
    expect(Array.from(table.column("a"))).toEqual([1, 3]);
    expect(Array.from(table.column("b"))).toEqual([2, 4]);
  });

  it("ignores blank lines at the very end", () => {
    expect(readCsv("a\n1\n2\n\n\n").rowCount).toBe(2);
  });

  it("reads quoted fields with delimiters, doubled quotes and line breaks inside", () => {
    const table = readCsv('"price, $","say ""hi""\nagain",n\n"1.5",2,"3"\n', { columns: ["price, $", "n"] });
    expect(table.names).toEqual(["price, $", "n"]);
    expect(Array.from(table.column("price, $"))).toEqual([1.5]);
    expect(readCsv('"a","say ""hi""\nagain"\n1,2\n').names).toEqual(["a", 'say "hi"\nagain']);
  });

  it("selects and orders columns, leaving unselected text columns unparsed", () => {
    const table = readCsv("name,age,height\nada,36,1.65\nalan,41,1.75\n", { columns: ["height", "age"] });
    expect(table.names).toEqual(["height", "age"]);
    expect(table.tensor().toArray()).toEqual([[1.65, 36], [1.75, 41]]);
  });

  it("names the columns of a headerless file by position, or by the names given", () => {
    expect(readCsv("1,2\n3,4\n", { header: false }).names).toEqual(["0", "1"]);
    const table = readCsv("1,2\n3,4\n", { header: false, names: ["p", "q"] });
    expect(Array.from(table.column("q"))).toEqual([2, 4]);
  });

  it("accepts other delimiters", () => {
    expect(Array.from(readCsv("a;b\n1;2\n", { delimiter: ";" }).column("b"))).toEqual([2]);
    expect(Array.from(readCsv("a\tb\n1\t2\n", { delimiter: "\t" }).column("a"))).toEqual([1]);
  });

  it("gives a header-only file zero rows", () => {
    const table = readCsv("a,b\n");
    expect(table.rowCount).toBe(0);
    expect(table.tensor().shape).toEqual([0, 2]);
  });

  it("stacks columns into a float64 tensor of shape [rows, columns]", () => {
    const t = readCsv("a,b\n1,2\n3,4\n").tensor(["b", "a"]);
    expect(t.dtype).toBe("float64");
    expect(t.shape).toEqual([2, 2]);
    expect(t.toArray()).toEqual([[2, 1], [4, 3]]);
  });

  it("reads back any table of finite doubles it is given", () => {
    const cell = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { maxLength: 20 }), (width, rows) => {
        const cells = rows.map((row) => row.slice(0, width));
        const names = Array.from({ length: width }, (_, j) => `c${j}`);
        const text = [names.join(","), ...cells.map((row) => row.map(String).join(","))].join("\n");
        const table = readCsv(text);
        expect(table.rowCount).toBe(cells.length);
        names.forEach((name, j) => expect(Array.from(table.column(name))).toEqual(cells.map((row) => row[j]! + 0)));
      }),
    );
  });

  it("loads the California housing data shipped with the package", () => {
    const path = fileURLToPath(new URL("../../data/california-housing.csv", import.meta.url));
    const table = loadCsv(path);
    expect(table.rowCount).toBe(20640);
    expect(table.names).toEqual([
      "longitude", "latitude", "housing_median_age", "total_rooms", "total_bedrooms",
      "population", "households", "median_income", "median_house_value",
    ]);
    expect(table.column("median_house_value")[0]).toBe(452600);
    expect(table.column("longitude")[20639]).toBe(-121.24);
  });
});

describe("readCsv on malformed input", () => {
  it("refuses empty input", () => {
    expect(errorOf(() => readCsv(""))).toBe(
      "readCsv: expected at least one record, got empty input at line 1, column 1. Pass the file's text, not its path (loadCsv reads a file).",
    );
    expect(errorOf(() => readCsv("\n\r\n"))).toMatch(/^readCsv: expected at least one record, got empty input/);
  });

  it("refuses a record with too few fields, pointing at its end", () => {
    expect(errorOf(() => readCsv("a,b,c\n1,2,3\n4,5\n"))).toBe(
      "readCsv: expected 3 fields (as in the header), got 2 at line 3, column 4. Every record needs one value per column: look for a missing or extra delimiter, or an unquoted delimiter inside a value.",
    );
  });

  it("refuses a record with too many fields", () => {
    expect(errorOf(() => readCsv("a,b\n1,2,3\n"))).toMatch(/^readCsv: expected 2 fields \(as in the header\), got 3 at line 2, column 6\./);
  });

  it("refuses a blank line between records", () => {
    expect(errorOf(() => readCsv("a,b\n1,2\n\n3,4\n"))).toBe(
      "readCsv: expected 2 fields (as in the header), got a blank line at line 3, column 1. Remove blank lines between records.",
    );
  });

  it("refuses a non-numeric value, naming its column", () => {
    expect(errorOf(() => readCsv("x,y\n1,2\n3,abc\n"))).toBe(
      'readCsv: expected a finite decimal number in column "y", got "abc" at line 3, column 3. Fix or remove the value, or leave the column out with the columns option.',
    );
  });

  it("refuses an empty value as a missing value", () => {
    expect(errorOf(() => readCsv("x,y\n1,\n"))).toBe(
      'readCsv: expected a finite decimal number in column "y", got an empty field at line 2, column 3. Missing values are not supported: fill them in or drop the record.',
    );
  });

  it("refuses text that JavaScript's Number would silently accept", () => {
    for (const bad of ["0x10", "1_000", "Infinity", "NaN", "1e999", "--1", "1.2.3", "1 2", "١"]) {
      expect(errorOf(() => readCsv(`x\n${bad}\n`))).toMatch(/^readCsv: expected a finite decimal number in column "x", got .* at line 2, column 1\./);
    }
  });

  it("refuses duplicate header names", () => {
    expect(errorOf(() => readCsv("a,b,a\n1,2,3\n"))).toBe(
      'readCsv: expected distinct column names, got "a" twice (columns 1 and 3) at line 1, column 5. Rename one of them.',
    );
  });

  it("refuses an empty header name", () => {
    expect(errorOf(() => readCsv("a,,c\n1,2,3\n"))).toBe(
      "readCsv: expected a name for every column, got an empty name at line 1, column 3. Name the column in the header, or pass header: false.",
    );
  });

  it("refuses a requested column that is not in the header", () => {
    expect(errorOf(() => readCsv("a,b\n1,2\n", { columns: ["a", "c"] }))).toBe(
      'readCsv: expected a column named "c", got columns ["a", "b"] at line 1, column 1. Check the spelling, or pass header: false for a file without a header.',
    );
  });

  it("refuses names that do not match a headerless file's width", () => {
    expect(errorOf(() => readCsv("1,2,3\n", { header: false, names: ["a", "b"] }))).toMatch(
      /^readCsv: expected 2 fields \(one per name\), got 3 at line 1, column 1\./,
    );
    expect(errorOf(() => readCsv("a,b\n1,2\n", { names: ["p", "q"] }))).toMatch(/^readCsv: expected names only with header: false/);
  });

  it("refuses an unterminated quote, saying where it opened", () => {
    expect(errorOf(() => readCsv('a,b\n1,"2\n3,4\n'))).toBe(
      'readCsv: expected a closing quote, got the end of the input at line 3, column 4. The quoted field that opens at line 2, column 3 never closes; write a quote inside a quoted field as "".',
    );
  });

  it("refuses a quote inside an unquoted field and text after a closing quote", () => {
    expect(errorOf(() => readCsv('a,b\n1,2"3\n'))).toMatch(/^readCsv: expected a quote only at the start of a field, got '"' inside a field at line 2, column 4\./);
    expect(errorOf(() => readCsv('a,b\n1,"2"3\n'))).toMatch(/^readCsv: expected a delimiter or the end of the line after a closing quote, got "3" at line 2, column 6\./);
  });

  it("counts lines inside quoted fields when reporting later errors", () => {
    expect(errorOf(() => readCsv('"a\nb",c\n1,x\n'))).toMatch(/got "x" at line 3, column 3\./);
  });

  it("refuses a bad delimiter and an unknown column lookup", () => {
    expect(errorOf(() => readCsv("a\n1\n", { delimiter: ",," }))).toMatch(/^readCsv: expected a delimiter of one character/);
    expect(errorOf(() => readCsv("a\n1\n").column("b"))).toBe('CsvTable.column: expected one of ["a"], got "b". Check the spelling against the header.');
  });
});
