// The services of one node and the API map the router is typed with.
import type { AccountsApi } from './accounts/api.js';
import type { InboxApi } from './inbox/api.js';
import type { PresenceApi } from './presence/api.js';

export type Services = {
  accounts: AccountsApi;
  inbox: InboxApi;
  presence: PresenceApi;
};
