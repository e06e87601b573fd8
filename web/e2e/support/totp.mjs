// An authenticator app in a few lines: RFC 6238 codes (HMAC-SHA1, 6 digits, 30 s) from the
// base32 secret Dayline hands out at enrolment.
import { createHmac } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';

const STEP_SECONDS = 30;

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of text.toUpperCase().replace(/[=\s]/g, '')) {
    const value = alphabet.indexOf(char);
    if (value < 0) throw new Error(`not base32: ${char}`);
    bits += value.toString(2).padStart(5, '0');
  }
  const bytes = bits.match(/.{8}/g) ?? [];
  return Buffer.from(bytes.map((byte) => parseInt(byte, 2)));
}

export function currentStep(now = Date.now()) {
  return Math.floor(now / 1000 / STEP_SECONDS);
}

/** The code for a 30-second step (RFC 4226 dynamic truncation). */
export function totpCode(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const number = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(number).padStart(6, '0');
}

/**
 * An authenticator for one secret. Dayline accepts each step once (and one step of skew),
 * so every code it hands out is for a step later than the last one used; when the next one
 * is spent too, it waits for the clock, as a person would for the app's next code.
 */
export class Authenticator {
  #lastStep = -1;

  constructor(secret) {
    this.secret = secret;
  }

  async nextCode() {
    const step = Math.max(currentStep(), this.#lastStep + 1);
    this.#lastStep = step;
    const acceptedFrom = (step - 1) * STEP_SECONDS * 1000; // when `step` is one ahead
    if (Date.now() < acceptedFrom) await delay(acceptedFrom - Date.now() + 100);
    return totpCode(this.secret, step);
  }
}
