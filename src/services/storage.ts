// The storage a service may ask for, as the service sees it: named tables of records, read from
// memory-mapped pages and written with a promise that settles once durable. Declared here, by the
// services, and implemented over LMDB in src/store/tables.ts, so a service never imports the store.

/** A key range: `start` included, `end` excluded (both ends reversed when `reverse`). */
export interface KeyRange<K> {
  start?: K;
  end?: K;
  reverse?: boolean;
  limit?: number;
}

/** One table: keys in order, each with one record. */
export interface Table<K, V> {
  get(key: K): V | undefined;
  getRange(range: KeyRange<K>): Iterable<{ key: K; value: V }>;
  getKeys(range: KeyRange<K>): Iterable<K>;
  /** Settles once the write is durable (rejects for a full disk: wrap it in store-write's `committed`). */
  put(key: K, value: V): Promise<unknown>;
  remove(key: K): Promise<unknown>;
}

/** What a node's store offers a module: its tables, by database name. */
export interface TableSource {
  table<K, V>(name: string): Table<K, V>;
}
