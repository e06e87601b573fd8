// Reads a captured mail the way a person would see it: the subject and the plain-text part,
// decoded from whatever transfer encoding the sender chose (quoted-printable, base64).

/**
 * @typedef {object} Mail
 * @property {string[]} to envelope recipients, lower case
 * @property {string} subject
 * @property {string} text the text/plain part, decoded
 * @property {string} raw
 */

/** Splits a MIME entity into its headers (names lower-cased, folded lines joined) and body. */
function splitEntity(raw) {
  const cut = raw.indexOf('\r\n\r\n');
  const head = cut < 0 ? raw : raw.slice(0, cut);
  const body = cut < 0 ? '' : raw.slice(cut + 4);
  const headers = new Map();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeBody(body, encoding = '7bit') {
  switch (encoding.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable': {
      const bytes = body
        .replace(/=\r\n/g, '') // soft line breaks
        .replace(/=([0-9A-F]{2})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
      return Buffer.from(bytes, 'latin1').toString('utf8');
    }
    default:
      return body;
  }
}

/** RFC 2047 encoded words, as in `Subject: =?utf-8?b?…?=`. */
function decodeHeader(value) {
  return value.replace(/=\?([^?]+)\?([bq])\?([^?]*)\?=\s*/gi, (_, _charset, kind, text) =>
    kind.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : decodeBody(text.replace(/_/g, ' '), 'quoted-printable'),
  );
}

/** The first text/plain part of an entity, searching nested multiparts. */
function plainText({ headers, body }) {
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    const parts = body.split(`--${boundary}`).slice(1, -1);
    for (const part of parts) {
      const text = plainText(splitEntity(part.replace(/^\r\n/, '')));
      if (text !== undefined) return text;
    }
    return undefined;
  }
  if (!type.toLowerCase().startsWith('text/plain')) return undefined;
  return decodeBody(body, headers.get('content-transfer-encoding')).replace(/\r\n/g, '\n');
}

/** @returns {Mail} */
export function parseMail(raw, to) {
  const entity = splitEntity(raw);
  return {
    to,
    subject: decodeHeader(entity.headers.get('subject') ?? ''),
    text: plainText(entity) ?? '',
    raw,
  };
}

/** The first link in a mail's text that starts with `prefix`. */
export function linkIn(mail, prefix) {
  const link = mail.text.split(/\s+/).find((word) => word.startsWith(prefix));
  if (!link) throw new Error(`no link starting with ${prefix} in the mail "${mail.subject}":\n${mail.text}`);
  return link;
}
