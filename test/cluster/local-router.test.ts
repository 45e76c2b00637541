// The in-process router passes the shared router cases.
import { LocalRouter } from '../../src/cluster/local-router.js';
import { runRouterCases, type RouterCaseServices } from './router-cases.js';

runRouterCases('LocalRouter', ({ fragments, seed, mailboxLimit }) => new LocalRouter<RouterCaseServices>(fragments, seed, mailboxLimit));
