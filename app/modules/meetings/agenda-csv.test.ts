import { describe, expect, it } from "vitest";
import { agendaCsvRows, attachmentDisposition, BOM, csvCell, toCsv } from "./agenda-csv";

/** A minimal RFC 4180 reader, to check that what we write reads back cell for cell. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  return rows;
}

describe("csvCell", () => {
  it("leaves plain text and numbers alone, empty for null", () => {
    expect(csvCell("국방 사이버 위협 탐지 AI")).toBe("국방 사이버 위협 탐지 AI");
    expect(csvCell(1024)).toBe("1024");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(Number.NaN)).toBe("");
  });

  it("quotes commas, quotes, line breaks and edge spaces (RFC 4180)", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('그는 "AI"라고')).toBe('"그는 ""AI""라고"');
    expect(csvCell("첫 줄\n둘째 줄")).toBe('"첫 줄\n둘째 줄"');
    expect(csvCell("a\r\nb")).toBe('"a\r\nb"');
    expect(csvCell(" 앞 공백")).toBe('" 앞 공백"');
  });

  it("prefixes text that a spreadsheet would run as a formula with a single quote", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("+82-2-123")).toBe("'+82-2-123");
    expect(csvCell("-1+1")).toBe("'-1+1");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=1")).toBe("'\t=1");
    expect(csvCell("a=b")).toBe("a=b");
  });
});

describe("toCsv", () => {
  it("starts with a BOM, ends every record with CRLF, and reads back to the same cells", () => {
    const rows = [
      ["안건 번호", "제목"],
      [1, '스마트팜 "작물", 생육\n예측'],
      [2, "=cmd|' /C calc'!A0"],
    ];
    const text = toCsv(rows);
    expect(text.startsWith(BOM)).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(parseCsv(text.slice(1))).toEqual([
      ["안건 번호", "제목"],
      ["1", '스마트팜 "작물", 생육\n예측'],
      ["2", "'=cmd|' /C calc'!A0"],
    ]);
    expect(Buffer.from(text, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});

describe("agendaCsvRows", () => {
  const item = {
    position: 1,
    number: 4,
    request: {
      reference: "AX-2026-0007",
      title: "국방 사이버 위협 탐지 AI",
      state: "onAgenda",
      gpusRequested: 128,
      agreedGpus: 100,
      problemStatement: "-위협 탐지가 늦습니다",
      ministry: { name: "국방부", nameEn: "Ministry of National Defense" },
    },
    decision: null,
  };
  const labels = {
    header: ["h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8", "h9", "h10", "h11"],
    state: (s: string) => `state:${s}`,
    outcome: (o: string) => `outcome:${o}`,
    refused: "refused",
    agendaNumber: (n: number) => `3-${n}`,
  };

  it("one row per item in the page language; undecided items leave the decision cells empty", () => {
    const rows = agendaCsvRows(
      [item, { ...item, position: 5, number: 2, decision: { outcome: "approve", approvedGpus: 90, status: "effective" } }],
      "en",
      labels,
    );
    expect(rows[0]).toEqual(labels.header);
    expect(rows[1]).toEqual([
      1,
      "3-4",
      "AX-2026-0007",
      "국방 사이버 위협 탐지 AI",
      "Ministry of National Defense",
      128,
      100,
      "state:onAgenda",
      null,
      null,
      "-위협 탐지가 늦습니다",
    ]);
    // numbered in agenda order (positions may have gaps after an item left); the 의안번호 stays
    expect(rows[2].slice(0, 2)).toEqual([2, "3-2"]);
    expect(rows[2].slice(8, 10)).toEqual(["outcome:approve", 90]);
    expect(agendaCsvRows([item], "ko", labels)[1][4]).toBe("국방부");
    expect(parseCsv(toCsv(rows).slice(1))[1][10]).toBe("'-위협 탐지가 늦습니다");
  });

  it("a refused sign-off never reads as the outcome", () => {
    const rows = agendaCsvRows([{ ...item, decision: { outcome: "approve", approvedGpus: 90, status: "refused" } }], "ko", labels);
    expect(rows[1].slice(8, 10)).toEqual(["refused", null]);
  });
});

describe("attachmentDisposition", () => {
  it("has an ASCII fallback and the Korean name as RFC 5987 filename*", () => {
    const header = attachmentDisposition("제3회 과학기술관계장관회의 안건 (최종).csv", "meeting-3-agenda.csv");
    expect(header).toBe(
      "attachment; filename=\"meeting-3-agenda.csv\"; filename*=UTF-8''%EC%A0%9C3%ED%9A%8C%20%EA%B3%BC%ED%95%99%EA%B8%B0%EC%88%A0%EA%B4%80%EA%B3%84%EC%9E%A5%EA%B4%80%ED%9A%8C%EC%9D%98%20%EC%95%88%EA%B1%B4%20%28%EC%B5%9C%EC%A2%85%29.csv",
    );
    const encoded = header.split("filename*=UTF-8''")[1];
    expect(decodeURIComponent(encoded)).toBe("제3회 과학기술관계장관회의 안건 (최종).csv");
    expect(attachmentDisposition("x", 'a"b\\c한.csv')).toContain('filename="a_b_c_.csv"');
  });
});
