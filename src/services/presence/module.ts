// The presence module: online, offline and last seen, and who is subscribed to whom.
import { defineModule } from '../../node/module.js';
import { presenceService } from './service.js';
import { presenceStorage } from './storage.js';

export const presenceModule = defineModule({
  name: 'presence',
  doc: 'online, offline and last seen, privacy, the live subscribers of each user',
  options: {},
  requires: [],
  storage: presenceStorage,
  create: ({ storage, router }) => presenceService(storage, router),
});
