// The services of one node: the API map the router is typed with, and the modules a node is
// built from (src/node/build-node.ts registers them in dependency order). A new service is a
// folder with api.ts, service.ts and module.ts, plus one entry in each list below.
import type { AnyModule } from '../node/module.js';
import type { AccountsApi } from './accounts/api.js';
import { accountsModule } from './accounts/module.js';
import type { InboxApi } from './inbox/api.js';
import { inboxModule } from './inbox/module.js';
import type { PresenceApi } from './presence/api.js';
import { presenceModule } from './presence/module.js';

export type Services = {
  accounts: AccountsApi;
  inbox: InboxApi;
  presence: PresenceApi;
};

const modules = [accountsModule, inboxModule, presenceModule] as const;
export const NODE_MODULES: readonly AnyModule[] = modules;

// Fails to compile when a service of the map has no module in the list (or the other way round).
type Unlisted = Exclude<keyof Services, (typeof modules)[number]['name']> | Exclude<(typeof modules)[number]['name'], keyof Services>;
const listed: [Unlisted] extends [never] ? true : Unlisted = true;
void listed;
