// Child process of verifyStoreFile: opens atoll.mdb read-only and reads every record of every
// database, so a damaged page crashes this process instead of the server. Prints the count.
import { open } from 'lmdb';
import { STORE_DATABASES, STORE_OPTIONS } from './kv.js';

const root = open({ ...STORE_OPTIONS, path: process.argv[2], readOnly: true });
let records = 0;
for (const name of STORE_DATABASES) {
  // Read-only, a database never written is absent rather than created.
  const db = root.openDB({ name }) as ReturnType<typeof root.openDB> | undefined;
  for (const entry of db?.getRange() ?? []) if (entry.value !== undefined) records++;
}
await root.close();
process.stdout.write(`${records}\n`);
