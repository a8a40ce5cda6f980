// Test fixture: the DynamoDB actions each function's code can call, read from the code itself. Each
// Lambda entry is bundled by esbuild (tree-shaken, not minified: what the function really carries),
// every call of a `Store` method in it is found, and each method maps to the actions its repository
// sends (STORE_ACTIONS, checked against the repositories' imports in iam.test.ts).
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Store } from '#core/store';
import type { TableAction } from '../../cdk/constructs/storage';
import { REPO_ROOT, WHATWG_URL_SHIM } from '../../cdk/constructs/lambda-function';

type Repositories = Omit<Store, 'health'>;

/**
 * What each repository method sends (functions/adapters/dynamodb/repositories). Conditional writes
 * that re-read on refusal (writes.ts putIfVersion: GetItem) are listed with that read. Typed against
 * the `Store` port: a new method does not compile until it is listed here.
 */
export const STORE_ACTIONS: { [R in keyof Repositories]: Record<keyof Repositories[R], TableAction[]> } = {
  demarches: { get: ['GetItem'], list: ['Query'], create: ['PutItem'], update: ['PutItem', 'GetItem'] },
  questionnaires: {
    get: ['GetItem'],
    list: ['Query'],
    create: ['PutItem'],
    update: ['PutItem', 'GetItem'],
    listAwaitingRestitution: ['Query'],
  },
  campaigns: {
    get: ['GetItem'],
    list: ['Query'],
    create: ['PutItem'],
    update: ['PutItem', 'GetItem'],
    listDue: ['Query'],
    listSending: ['Query'],
    listScheduledBetween: ['Query'],
  },
  agents: {
    getByTokenHash: ['GetItem'],
    get: ['Query'],
    list: ['Query'],
    create: ['PutItem'],
    delete: ['Query', 'DeleteItem'],
    touch: ['UpdateItem'],
    setTelegramChat: ['UpdateItem'],
    putLinkCode: ['PutItem'],
    findLinkCode: ['Query'],
    consumeLinkCode: ['DeleteItem'],
  },
  sessions: { get: ['GetItem'], create: ['PutItem'], touch: ['UpdateItem'], delete: ['DeleteItem'] },
  audit: { record: ['PutItem'], list: ['Query'] },
  feedItems: { create: ['PutItem'], get: ['GetItem'], listRecent: ['Query'] },
  subscribers: {
    get: ['GetItem'],
    getMany: ['BatchGetItem'],
    put: ['PutItem'],
    setStatus: ['UpdateItem'],
    markConsentAsked: ['UpdateItem'],
    delete: ['DeleteItem'],
    countByStatus: ['Query'],
    listActive: ['Query'],
    addGrowth: ['UpdateItem'],
    listGrowth: ['Query'],
  },
  responses: {
    get: ['GetItem'],
    save: ['PutItem', 'GetItem'],
    listByQuestionnaire: ['Query'],
    moveTo: ['PutItem', 'DeleteItem'],
  },
  moderation: { listByQuestionnaire: ['Query'], get: ['GetItem'], save: ['PutItem', 'GetItem'] },
  deliveries: {
    claim: ['PutItem'],
    get: ['GetItem'],
    getMany: ['BatchGetItem'],
    update: ['PutItem'],
    listByCampaign: ['Query'],
    moveTo: ['PutItem', 'DeleteItem'],
    takeLease: ['PutItem'],
    getLease: ['GetItem'],
    releaseLease: ['DeleteItem'],
    listLeases: ['Query'],
    addCounters: ['UpdateItem'],
    getCounters: ['GetItem'],
    putCounters: ['PutItem'],
  },
  processedUpdates: { markFirstSeen: ['PutItem'] },
  xOutbox: {
    put: ['PutItem'],
    get: ['GetItem'],
    list: ['Query'],
    listSince: ['Query'],
    putUnlessPosted: ['PutItem'],
  },
  announcements: {
    listTemplates: ['Query'],
    putTemplate: ['PutItem'],
    getMarker: ['GetItem'],
    putMarker: ['PutItem'],
    listMarkers: ['Query'],
  },
  feedSources: {
    get: ['GetItem'],
    list: ['Query'],
    create: ['PutItem'],
    delete: ['Query', 'DeleteItem'],
    setStatus: ['UpdateItem'],
    getEntry: ['GetItem'],
    claimEntry: ['PutItem'],
    completeEntry: ['PutItem'],
  },
  digests: {
    add: ['UpdateItem'],
    listDue: ['Query'],
    claim: ['UpdateItem'],
    recordParts: ['UpdateItem'],
    release: ['UpdateItem'],
    finish: ['UpdateItem'],
    listBySubscriber: ['Query'],
    delete: ['DeleteItem'],
  },
  startLinks: {
    get: ['GetItem'],
    list: ['Query'],
    create: ['PutItem'],
    delete: ['DeleteItem'],
    countSubscription: ['UpdateItem'],
  },
};

/** `store.health()` (/health): the table's status. */
const HEALTH_ACTIONS: TableAction[] = ['DescribeTable'];

/** The Store methods a bundle calls, as `repository.method`, and the actions they need. */
export interface StoreUse {
  calls: Set<string>;
  actions: Set<TableAction>;
}

/** The bundle of one Lambda entry (e.g. `functions/handlers/lambda/feeds.ts`), as esbuild builds it for the stack. */
async function bundleText(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [join(REPO_ROOT, entry)],
    absWorkingDir: REPO_ROOT,
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields: ['module', 'main'],
    alias: { 'whatwg-url': WHATWG_URL_SHIM },
    // The SDK is what the store's calls go through, not a caller of it: leaving it out keeps this fast.
    external: ['@aws-sdk/*'],
    logLevel: 'error',
  });
  return result.outputFiles[0]!.text;
}

/**
 * Every Store method the entry's bundle may call. Bundling renames locals (`store2`), so a call is
 * `.<repository>.<method>` after any name; a repository handed over whole (`store.xOutbox` to the X
 * publisher) counts as every one of its methods.
 */
export async function storeUseOf(entry: string): Promise<StoreUse> {
  const text = await bundleText(entry);
  const calls = new Set<string>();
  for (const [repository, methods] of Object.entries(STORE_ACTIONS)) {
    const names = Object.keys(methods);
    for (const m of text.matchAll(new RegExp(`\\.${repository}\\.(${names.join('|')})\\b`, 'g')))
      calls.add(`${repository}.${m[1]}`);
    if (new RegExp(`\\bstore\\d*\\.${repository}\\b(?!\\.)`).test(text))
      for (const name of names) calls.add(`${repository}.${name}`);
  }
  if (/\bstore\d*\.health\(/.test(text)) calls.add('health');
  const actions = new Set<TableAction>();
  for (const call of calls) {
    if (call === 'health') HEALTH_ACTIONS.forEach((a) => actions.add(a));
    else {
      const [repository, method] = call.split('.') as [keyof Repositories, string];
      (STORE_ACTIONS[repository] as Record<string, TableAction[]>)[method]!.forEach((a) => actions.add(a));
    }
  }
  return { calls, actions };
}
