// Reads the messages the stack's mail sink keeps (one .eml file each, see global-setup.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { E2E_MAIL_DIR } from './stack';

export type Mail = { to: string; subject: string; text: string };

function decodeQuotedPrintable(body: string): string {
  const bytes = body
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** The readable text of each part (plain and HTML), decoded from its transfer encoding. */
function textOf(raw: string): string {
  const parts = raw.split(/\r?\n--[^\r\n]+\r?\n/);
  return parts
    .map((part) => {
      const split = part.search(/\r?\n\r?\n/);
      const headers = split < 0 ? '' : part.slice(0, split);
      const body = split < 0 ? part : part.slice(split).trim();
      if (/content-transfer-encoding:\s*base64/i.test(headers)) {
        return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
      }
      if (/content-transfer-encoding:\s*quoted-printable/i.test(headers)) return decodeQuotedPrintable(body);
      return body;
    })
    .join('\n');
}

const header = (raw: string, name: string) =>
  raw.match(new RegExp(`^${name}:\\s*(.*(?:\\r?\\n[ \\t].*)*)`, 'im'))?.[1]?.replace(/\r?\n[ \t]+/g, ' ') ?? '';

export function readMails(): Mail[] {
  let files: string[];
  try {
    files = readdirSync(E2E_MAIL_DIR).filter((name) => name.endsWith('.eml'));
  } catch {
    return [];
  }
  return files.sort().map((name) => {
    const raw = readFileSync(join(E2E_MAIL_DIR, name), 'utf8');
    return { to: header(raw, 'To'), subject: header(raw, 'Subject'), text: textOf(raw) };
  });
}

/** The newest message to `address` that matches, waiting for it to arrive. */
export async function waitForMail(
  address: string,
  matches: (mail: Mail) => boolean,
  timeoutMs = 20_000,
): Promise<Mail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = readMails()
      .filter((mail) => mail.to.includes(address) && matches(mail))
      .at(-1);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail to ${address} in ${E2E_MAIL_DIR} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The key of the first SPA link `/account/<kind>/<key>` in a message. */
export function linkKey(mail: Mail, kind: 'verify' | 'reset'): string {
  const key = mail.text.match(new RegExp(`/account/${kind}/([^\\s"<>]+)`))?.[1];
  if (!key) throw new Error(`no /account/${kind}/ link in: ${mail.text}`);
  return key;
}
