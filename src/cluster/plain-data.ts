// What may cross the router: plain data only (no functions, no class instances, no live
// objects), so that every message could be sent to another process. encode/decode turn such a
// value into bytes and back; anything that is not plain data is refused with its path.
import v8 from 'node:v8';

export class NotPlainDataError extends Error {
  constructor(readonly path: string, what: string) {
    super(`${path} is ${what}: only plain data (objects, arrays, strings, numbers, booleans, bigints, null, undefined, Uint8Array) may cross the router`);
    this.name = 'NotPlainDataError';
  }
}

/** Throws NotPlainDataError unless `value` is plain data all the way down. */
export function assertPlainData(value: unknown, path = 'message'): void {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'undefined':
      return;
    case 'function':
      throw new NotPlainDataError(path, 'a function');
    case 'symbol':
      throw new NotPlainDataError(path, 'a symbol');
  }
  if (value === null) return;
  if (value instanceof Uint8Array) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertPlainData(item, `${path}[${i}]`));
    return;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw new NotPlainDataError(path, `an instance of ${proto?.constructor?.name ?? 'a class'}`);
  }
  for (const [key, item] of Object.entries(value as object)) assertPlainData(item, `${path}.${key}`);
}

/** Bytes of a plain-data value. */
export function encodePlainData(value: unknown, path?: string): Buffer {
  assertPlainData(value, path);
  return v8.serialize(value);
}

export function decodePlainData(bytes: Buffer): unknown {
  return v8.deserialize(bytes);
}
