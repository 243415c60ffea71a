/** Reading the mails the e2e SMTP sink received (e2e/smtp-sink.ts), decoded (RFC 2047 subject, QP/base64 body). */
import { existsSync, readFileSync } from "node:fs";
import type { SinkMail } from "./smtp-sink";

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

function decodeQp(s: string, underscoreIsSpace = false): Buffer {
  const bytes: number[] = [];
  const src = s.replace(/=\r?\n/g, "");
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === "=" && /^[0-9A-F]{2}$/i.test(src.slice(i + 1, i + 3))) {
      bytes.push(parseInt(src.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c === "_" && underscoreIsSpace) bytes.push(0x20);
    else bytes.push(...Buffer.from(c, "utf8"));
  }
  return Buffer.from(bytes);
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_w, enc: string, text: string) =>
      (enc.toUpperCase() === "B" ? Buffer.from(text, "base64") : decodeQp(text, true)).toString("utf8"),
    );
}

function parse(raw: string): { subject: string; text: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, " ");
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, "");
  const header = (name: string) =>
    head
      .split(/\r?\n/)
      .find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))
      ?.slice(name.length + 1)
      .trim() ?? "";
  const encoding = header("Content-Transfer-Encoding").toLowerCase();
  const text =
    encoding === "base64"
      ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? decodeQp(body).toString("utf8")
        : body;
  return { subject: decodeWords(header("Subject")), text: text.replace(/\r\n/g, "\n") };
}

export function receivedMails(): ReceivedMail[] {
  const file = process.env.E2E_MAIL_FILE!;
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const raw = JSON.parse(line) as SinkMail;
      return { to: raw.to, ...parse(raw.raw) };
    });
}

/** The mails to `email` whose subject or text contains `marker`. */
export function mailsTo(email: string, marker: string): ReceivedMail[] {
  return receivedMails().filter((m) => m.to.includes(email) && (m.subject.includes(marker) || m.text.includes(marker)));
}
