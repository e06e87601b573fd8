// The people journeys use, and how they get their accounts and second factors when a
// journey is about something else. Passwords pass Dayline's strength rule (zxcvbn 3).
import { Api } from './api.mjs';
import { Authenticator } from './totp.mjs';

/**
 * @typedef {object} Person
 * @property {string} email
 * @property {string} displayName
 * @property {string} password
 * @property {Authenticator} [authenticator] their authenticator app, once enrolled
 * @property {string[]} [backupCodes] unused backup codes
 */

/** @returns {Person} */
export const ana = () => ({ email: 'ana@example.com', displayName: 'Ana Lima', password: 'plum-orbit-canyon-47' });

/** @returns {Person} */
export const bo = () => ({ email: 'bo@example.com', displayName: 'Bo Berg', password: 'velvet-tractor-mosaic-19' });

/** Makes `person` the first administrator, with the token the server logged. */
export async function completeSetup(server, person) {
  await Api.anonymous(server.baseUrl).completeSetup({ token: await server.setupToken(), ...person });
  return person;
}

/**
 * Enrols an authenticator app for the user `api` acts as, keeping it and the backup codes
 * on `person`. (Settings has no screen for this yet.)
 * @param {Api} api
 * @param {Person} person
 */
export async function enrolAuthenticator(api, person) {
  const { secret } = await api.startTotp();
  person.authenticator = new Authenticator(secret);
  const { codes } = await api.confirmTotp(await person.authenticator.nextCode());
  person.backupCodes = [...codes];
  return person;
}

/** A first administrator who already has an authenticator app, as most journeys need. */
export async function administratorWithAuthenticator(server, person = ana()) {
  await completeSetup(server, person);
  return enrolAuthenticator(await Api.signIn(server.baseUrl, person), person);
}
