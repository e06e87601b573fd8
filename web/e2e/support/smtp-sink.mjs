// A local SMTP server that accepts every message and keeps it, so journeys can read the
// links Dayline mails (invitations, password resets). It speaks the part of SMTP a plain
// relay needs (`smtp_url = smtp://…?tls=none`): no TLS, no authentication.
import net from 'node:net';

import { parseMail } from './mail.mjs';
import { eventually } from './expect.mjs';

export class SmtpSink {
  /** @type {import('./mail.mjs').Mail[]} */
  messages = [];
  #sockets = new Set();
  #server = net.createServer((socket) => {
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    this.#converse(socket);
  });

  /** Listens on a free port of 127.0.0.1. */
  static async start() {
    const sink = new SmtpSink();
    await new Promise((resolve, reject) => {
      sink.#server.once('error', reject);
      sink.#server.listen(0, '127.0.0.1', resolve);
    });
    return sink;
  }

  get port() {
    return /** @type {net.AddressInfo} */ (this.#server.address()).port;
  }

  /** The value for Dayline's `smtp_url`. */
  get url() {
    return `smtp://127.0.0.1:${this.port}?tls=none`;
  }

  /** Waits for a message to `to` whose subject matches; mails go out from a job queue. */
  async waitFor({ to, subject = /./ }, timeout = 20_000) {
    return eventually(
      () => this.messages.find((m) => m.to.includes(to.toLowerCase()) && subject.test(m.subject)),
      { timeout, message: `no mail to ${to} with a subject matching ${subject} arrived` },
    );
  }

  async stop() {
    // The server's mailer keeps its connection open for the next mail.
    for (const socket of this.#sockets) socket.destroy();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  /** @param {net.Socket} socket */
  #converse(socket) {
    const reply = (line) => socket.write(`${line}\r\n`);
    let envelope = { to: /** @type {string[]} */ ([]) };
    let buffer = '';
    let data = null; // the message text while a DATA section is open
    reply('220 localhost Dayline e2e SMTP sink');
    socket.setEncoding('utf8');
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk) => {
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (data !== null) {
          if (line === '.') {
            this.messages.push(parseMail(data.join('\r\n'), envelope.to));
            data = null;
            envelope = { to: [] };
            reply('250 OK: queued');
          } else {
            // Transparency (RFC 5321 4.5.2): a leading dot was doubled by the sender.
            data.push(line.startsWith('.') ? line.slice(1) : line);
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') reply('250-localhost\r\n250-8BITMIME\r\n250 SMTPUTF8');
        else if (verb === 'HELO' || verb === 'NOOP') reply('250 OK');
        else if (verb === 'MAIL' || verb === 'RSET') {
          envelope = { to: [] };
          reply('250 OK');
        } else if (verb === 'RCPT') {
          const address = /<([^>]*)>/.exec(line)?.[1] ?? '';
          envelope.to.push(address.toLowerCase());
          reply('250 OK');
        } else if (verb === 'DATA') {
          data = [];
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'QUIT') {
          reply('221 Bye');
          socket.end();
        } else reply('502 Command not implemented');
      }
    });
  }
}
