/**
 * A real SMTP server on loopback for the e2e run (issue 15): started once by playwright.config.ts in
 * the runner process; the app under test sends to it through SMTP_URL. Every mail it receives is
 * appended as one JSON line to E2E_MAIL_FILE, which specs read with `mailsTo` (e2e/mail.ts).
 */
import { appendFileSync, writeFileSync } from "node:fs";
import { SMTPServer } from "smtp-server";

export interface SinkMail {
  to: string[];
  from: string;
  raw: string;
}

export async function startSmtpSink(file: string): Promise<number> {
  writeFileSync(file, "");
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const mail: SinkMail = {
          to: session.envelope.rcptTo.map((r) => r.address),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          raw: Buffer.concat(chunks).toString("utf8"),
        };
        appendFileSync(file, `${JSON.stringify(mail)}\n`);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  server.server.unref(); // the runner exits when the tests are done
  return (server.server.address() as { port: number }).port;
}
