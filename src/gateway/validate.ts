// Shapes of the names and ids clients send; one place, so the protocol doc and the code agree.

const USER = /^[a-z0-9._-]{1,32}$/;
const DEVICE = /^[A-Za-z0-9._-]{1,64}$/;

export function validUser(user: unknown): user is string {
  return typeof user === 'string' && USER.test(user);
}

/**
 * A name a new account may take: a user name that starts and ends with a letter or digit, so
 * `.`, `..`, `-` and `_` (which read as paths or placeholders) are never account names.
 */
export function validNewUser(user: unknown): user is string {
  return validUser(user) && /^[a-z0-9](.*[a-z0-9])?$/.test(user);
}

export function validDevice(device: unknown): device is string {
  return typeof device === 'string' && DEVICE.test(device);
}

/** Message ids: 1 to 64 characters, none of them control characters. */
export function validMessageId(id: unknown): id is string {
  // eslint-disable-next-line no-control-regex
  return typeof id === 'string' && id.length >= 1 && id.length <= 64 && !/[\u0000-\u001f]/.test(id);
}

export function validPassword(password: unknown): password is string {
  return typeof password === 'string' && password.length >= 8 && Buffer.byteLength(password) <= 1024;
}
