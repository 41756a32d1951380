import { describe, expect, it } from "vitest";
import { columnLetter, escapeCsvCell, readSepHint, toCsvRow, unescapeCsvCell, unnamedColumns } from "./csv";

describe("[ASSETS] CSV cells", () => {
  it("prefixes formula-like cells with a single quote", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
      expect(escapeCsvCell(`${start}HYPERLINK("http://evil.test")`)).toBe(`'${start}HYPERLINK("http://evil.test")`);
    }
    expect(escapeCsvCell("plain text")).toBe("plain text");
    expect(escapeCsvCell("")).toBe("");
    expect(escapeCsvCell("a=b")).toBe("a=b");
  });

  it("unescapes what it escaped, and nothing else", () => {
    for (const value of ["=1+1", "-3", "@SUM(A1)", "'quoted", "plain", "'"]) {
      expect(unescapeCsvCell(escapeCsvCell(value))).toBe(value);
    }
  });

  it("quotes cells with commas, quotes, newlines or edge spaces and ends rows with CRLF", () => {
    expect(toCsvRow(["a", 'say "hi"', "x,y", "line\nbreak", " padded", null, undefined, 7, true])).toBe(
      'a,"say ""hi""","x,y","line\nbreak"," padded",,,7,true\r\n',
    );
    expect(toCsvRow(["=cmd|' /C calc'!A0"])).toBe("'=cmd|' /C calc'!A0\r\n");
  });
});

describe("[ASSETS] what spreadsheets add to CSV files", () => {
  it("reads Excel's sep= hint line and returns the rest", () => {
    expect(readSepHint("sep=,\r\nkind,name\r\n")).toEqual({ delimiter: ",", rest: "kind,name\r\n" });
    expect(readSepHint("SEP=;\nkind;name\n")).toEqual({ delimiter: ";", rest: "kind;name\n" });
    expect(readSepHint("sep=\t\nkind\tname")).toEqual({ delimiter: "\t", rest: "kind\tname" });
    expect(readSepHint("kind,name\nsep=,\n")).toBeNull();
    expect(readSepHint("sep=x\nkind,name")).toBeNull();
  });

  it("ignores unnamed columns only while every cell in them is empty", () => {
    const header = ["kind", "name", "", ""];
    expect(unnamedColumns(header, [["MODEL", "m", "", ""], ["MODEL", "n", " ", ""]])).toEqual({ ignored: new Set([2, 3]), unnamedWithData: [] });
    expect(unnamedColumns(header, [["MODEL", "m", "", ""], ["MODEL", "n", "", "oops"]])).toEqual({ ignored: new Set([2]), unnamedWithData: [{ column: 3, row: 3 }] });
  });

  it("names columns the way spreadsheets do", () => {
    expect([0, 1, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(["A", "B", "Z", "AA", "AB", "ZZ", "AAA"]);
  });
});
