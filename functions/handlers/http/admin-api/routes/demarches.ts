// Admin routes for démarches and their timelines.
import { Demarche, DemarcheInput } from '#core/demarches/demarche';
import { createDemarche, getDemarche, listDemarches, updateDemarche } from '#core/demarches/use-cases';
import { defineRoute } from '../route';
import { Patch, listOptions, pageBody, pageOf, paginationQuery } from './common';

const tag = 'Démarches';

export const demarcheRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/demarches',
    tag,
    role: 'viewer',
    summary: 'Lister les démarches',
    query: paginationQuery,
    response: { status: 200, description: 'Une page de démarches', schema: pageOf(Demarche) },
    handle: async ({ deps, query }) => ({ body: pageBody(await listDemarches(deps, listOptions(query))) }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/demarches',
    tag,
    role: 'editor',
    summary: 'Créer une démarche et sa frise',
    body: DemarcheInput,
    response: { status: 201, description: 'La démarche créée', schema: Demarche },
    handle: async ({ deps, agent, body }) => {
      const demarche = await createDemarche(deps, agent, body);
      return { status: 201, body: demarche, version: demarche.version };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/demarches/:slug',
    tag,
    role: 'viewer',
    summary: 'Lire une démarche',
    response: { status: 200, description: 'La démarche', schema: Demarche },
    handle: async ({ deps, params }) => {
      const demarche = await getDemarche(deps, params.slug!);
      return { body: demarche, version: demarche.version };
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/v1/demarches/:slug',
    tag,
    role: 'editor',
    summary:
      'Modifier une démarche (champs donnés seulement ; `If-Match: "<version>"` pour éviter d’écraser une modification)',
    body: Patch,
    response: { status: 200, description: 'La démarche modifiée', schema: Demarche },
    handle: async ({ deps, agent, params, body, expectedVersion }) => {
      const demarche = await updateDemarche(deps, agent, params.slug!, body, expectedVersion);
      return { body: demarche, version: demarche.version };
    },
  }),
];
