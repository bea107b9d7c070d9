export { readCsv, loadCsv, CsvTable, type CsvOptions } from "./csv.js";
