// The accounts module: users, password hashes and per-device resume tokens.
import { defineModule } from '../../node/module.js';
import { accountsService } from './service.js';
import { accountsStorage } from './storage.js';

export const accountsModule = defineModule({
  name: 'accounts',
  doc: 'users, password hashes and per-device resume tokens',
  options: {},
  requires: [],
  storage: accountsStorage,
  create: ({ storage, health }) => accountsService(storage, health),
});
