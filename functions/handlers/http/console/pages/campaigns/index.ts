// The campaign pages of the console (issue #7, items 5 and 6): list, compose with previews on
// every channel, the lifecycle actions, and watching a campaign leave.
import type { HttpDeps } from '../../../deps';
import type { ConsoleApp } from '../../env';
import { actionRoutes } from './action-routes';
import { composeRoutes } from './compose-routes';
import { listRoutes } from './list';
import { progressRoutes } from './progress';

export function campaignPages(app: ConsoleApp, deps: HttpDeps) {
  listRoutes(app, deps);
  // Before `/:id`: « nouvelle » and « apercu » are not campaign ids.
  composeRoutes(app, deps);
  actionRoutes(app, deps);
  progressRoutes(app, deps);
}
