// Password hashing (scrypt, salted) and resume tokens. A token names its user and device, so a
// resume can be routed to the owning fragment; only a SHA-256 of its secret is stored.
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParams { N: number; r: number; p: number }

const KEY_BYTES = 32;

export function hashPassword(password: string, salt: Uint8Array, params: ScryptParams): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_BYTES, { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 }, (err, key) => {
      if (err) reject(err);
      else resolve(key);
    });
  });
}

export async function verifyPassword(password: string, salt: Uint8Array, expected: Uint8Array, params: ScryptParams): Promise<boolean> {
  const key = await hashPassword(password, salt, params);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export function newSalt(): Uint8Array {
  return randomBytes(16);
}

export interface ParsedToken { user: string; device: string; secret: string }

/** Token text: base64url(user).base64url(device).secret */
export function newToken(user: string, device: string): { token: string; hash: Uint8Array } {
  const secret = randomBytes(24).toString('base64url');
  const token = `${b64(user)}.${b64(device)}.${secret}`;
  return { token, hash: tokenHash(secret) };
}

export function parseToken(token: string): ParsedToken | null {
  if (typeof token !== 'string' || token.length > 512) return null;
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => p.length === 0)) return null;
  const user = Buffer.from(parts[0], 'base64url').toString('utf8');
  const device = Buffer.from(parts[1], 'base64url').toString('utf8');
  return { user, device, secret: parts[2] };
}

export function tokenHash(secret: string): Uint8Array {
  return createHash('sha256').update(secret).digest();
}

function b64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64url');
}
