// The public results over HTTP, per results policy and per output (page, JSON, CSV, open-data
// index): what is shown, what answers 404 (private and unknown alike), what a citizen's hostile
// text becomes in each output, and the validators that give a 304.
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textHash } from '#core/moderation/decision';
import { LICENCES } from '#core/results/open-data';
import type { PublicResults } from '#core/results/public-results';
import { createHttpApp } from '#handlers/http/app';
import type { HttpDeps } from '#handlers/http/deps';
import { startHttpDeps } from '../../../support/http-deps';
import { NOW, answer, decide, questionnaire } from './fixtures';

let app: Hono;
let deps: HttpDeps;
let close: () => Promise<void>;

const HOSTILE = '<script>alert(1)</script> Plus de bancs & d’ombre';
const FORMULA = '=HYPERLINK("http://evil.example","clic")';
const INVISIBLE = 'Bip\u0007 puis \u202Eesrevne';
const PHONE = 'Appelez-moi au 06 12 34 56 78';
// The bell (U+0007) and a right-to-left override, built so no control character sits in this file.
const INVISIBLES = new RegExp(`[${String.fromCharCode(7)}\u202e]`);
const PENDING = 'Un texte que personne n’a encore lu';
const REJECTED = 'Un texte refusé par l’équipe';

beforeAll(async () => {
  ({ deps, close } = await startHttpDeps(NOW));
  app = createHttpApp(deps);
  const { store } = deps;
  await store.demarches.create({
    slug: 'quais',
    title: 'Les quais',
    summary: 'Réaménager les quais.',
    link: 'https://dialoguecitoyen.example/quais',
    themes: [],
    territories: ['nantes'],
    steps: [
      { id: 'passe', kind: 'consultation', title: 'Consultation', start: '2026-11-01T08:00:00.000Z' },
      { id: 'synthese', kind: 'synthesis', title: 'Synthèse publique', start: '2027-01-15T08:00:00.000Z' },
      { id: 'atelier', kind: 'workshop', title: 'Atelier des quais', start: '2026-12-10T17:00:00.000Z' },
    ],
    createdAt: NOW,
    updatedAt: NOW,
    version: 1,
  });
  await store.questionnaires.create(questionnaire('live', { demarcheSlug: 'quais', breakdownBy: 'quartier' }));
  await store.questionnaires.create(questionnaire('private', { resultsPolicy: 'private' }));
  await store.questionnaires.create(questionnaire('later', { resultsPolicy: 'public_after_close' }));
  await store.questionnaires.create(
    questionnaire('closed', { resultsPolicy: 'public_after_close', closesAt: '2026-11-24T21:00:00.000Z' }),
  );
  await store.questionnaires.create(questionnaire('fromq', { publicFrom: '2026-11-15T00:00:00.000Z' }));

  // live: 9 in the north, 3 in the south (a small group), hostile and moderated texts.
  const texts = [
    HOSTILE,
    FORMULA,
    INVISIBLE,
    PHONE,
    PENDING,
    REJECTED,
    ...[1, 2, 3, 4, 5].map((n) => `Des arbres ${n}`),
  ];
  for (let i = 0; i < 12; i++)
    await answer(store, 'live', `sub-${i}`, {
      quartier: [i < 9 ? 'nord' : 'sud'],
      velo: i % 3 !== 0,
      note: 1 + (i % 5),
      ...(texts[i] ? { idee: texts[i] } : {}),
    });
  await decide(store, 'live', HOSTILE, 'approved', { category: 'Bancs' });
  await decide(store, 'live', FORMULA, 'approved');
  await decide(store, 'live', INVISIBLE, 'approved');
  await decide(store, 'live', PHONE, 'approved');
  await decide(store, 'live', REJECTED, 'rejected', { reason: 'insulte' });
  for (const n of [1, 2, 3, 4, 5]) await decide(store, 'live', `Des arbres ${n}`, 'approved', { category: 'Arbres' });

  for (const id of ['private', 'later', 'closed'])
    for (let i = 0; i < 3; i++) await answer(store, id, `sub-${i}`, { quartier: ['nord'], velo: true });
  await answer(store, 'fromq', 'early-1', { quartier: ['sud'] }, '2026-11-10T09:00:00.000Z');
  await answer(store, 'fromq', 'early-2', { quartier: ['sud'] }, '2026-11-14T23:59:59.000Z');
  for (let i = 0; i < 3; i++)
    await answer(store, 'fromq', `late-${i}`, { quartier: ['nord'] }, '2026-11-15T00:00:00.000Z');
});
afterAll(() => close());

const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
const json = async (path: string) => (await (await get(path)).json()) as PublicResults;
const URLS = (id: string) => [`/resultats/${id}`, `/resultats/${id}/resultats.json`, `/resultats/${id}/reponses.csv`];

describe('a private questionnaire', () => {
  it('answers 404 on every URL, with the very body of an unknown id (never 403)', async () => {
    const unknown = await get('/resultats/nope');
    const unknownBody = await unknown.text();
    expect(unknown.status).toBe(404);
    expect(unknownBody).toContain('Résultats introuvables');
    for (const path of [...URLS('private'), ...URLS('nope'), ...URLS('bad%20id')]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).toBe(unknownBody);
    }
  });

  it('is absent from the open-data index', async () => {
    for (const path of ['/open-data/', '/open-data/datasets.json', '/open-data/catalog.jsonld'])
      expect(await (await get(path)).text(), path).not.toContain('/resultats/private');
  });
});

describe('public after close', () => {
  it('before closing: the page says when the results come, with no figure; JSON and CSV answer 404', async () => {
    const page = await get('/resultats/later');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('seront publiés ici le dimanche 20 décembre 2026 à 22:00');
    expect(html).not.toContain('Participation');
    expect(html).not.toMatch(/\b3 personnes\b/);
    for (const path of URLS('later').slice(1)) expect((await get(path)).status, path).toBe(404);
    const index = await get('/open-data/datasets.json');
    expect(((await index.json()) as { datasets: { id: string }[] }).datasets.map((d) => d.id)).not.toContain('later');
  });

  it('once closed: page, JSON and CSV, listed in the index', async () => {
    for (const path of URLS('closed')) expect((await get(path)).status, path).toBe(200);
    const results = await json('/resultats/closed/resultats.json');
    expect(results).toMatchObject({ phase: 'closed', respondents: 3 });
    const index = (await (await get('/open-data/datasets.json')).json()) as { datasets: { id: string }[] };
    expect(index.datasets.map((d) => d.id).sort()).toEqual(['closed', 'fromq', 'live']);
  });
});

describe('public live', () => {
  it('counts and shares per option, scale distribution and mean, yes/no, the next step and « Et après ? »', async () => {
    const r = await json('/resultats/live/resultats.json');
    expect(r).toMatchObject({ phase: 'open', respondents: 12, nextSteps: expect.stringContaining('atelier') });
    expect(r.nextStep).toEqual({ title: 'Atelier des quais', date: '2026-12-10T17:00:00.000Z' });
    const [quartier, velo, note, idee] = r.questions;
    expect(quartier).toMatchObject({ kind: 'single_choice', answered: 12 });
    expect(quartier?.kind === 'single_choice' && quartier.options).toEqual([
      { id: 'nord', label: 'Nord', count: 9, share: 75 },
      { id: 'sud', label: 'Sud', count: 3, share: 25 },
    ]);
    expect(velo).toMatchObject({ yes: { count: 8, share: 66.7 }, no: { count: 4, share: 33.3 } });
    expect(note).toMatchObject({ kind: 'scale', mean: 2.75 });
    expect(idee).toMatchObject({ kind: 'short_text', answered: 11, published: 9 });
    expect(r.dataset.licence).toEqual(LICENCES['etalab-2.0']);
  });

  it('hides the small group of the cross-tabulation, and the cells that would give it back', async () => {
    const { breakdown } = await json('/resultats/live/resultats.json');
    const table = breakdown!.tables.find((t) => t.questionId === 'velo')!;
    const south = table.rows.find((row) => row.groupId === 'sud')!;
    expect(south.total).toEqual({ count: null, hidden: 'under_threshold' });
    expect(south.cells.every((c) => c.count === null)).toBe(true);
    const shown = [...table.rows.flatMap((row) => [...row.cells, row.total]), ...table.totals].flatMap((c) =>
      c.count === null ? [] : [c.count],
    );
    expect(shown.every((n) => n >= 5)).toBe(true);
    const html = await (await get('/resultats/live')).text();
    expect(html).toContain('moins de 5');
  });

  it('shows a free-text cluster from 5 texts on, never a smaller one’s label', async () => {
    const { questions } = await json('/resultats/live/resultats.json');
    const idee = questions.find((q) => q.kind === 'short_text')!;
    if (idee.kind !== 'short_text') throw new Error('short_text expected');
    expect(idee.clusters.map((c) => [c.label, c.count])).toEqual([['Arbres', 5]]);
    const page = await (await get('/resultats/live')).text();
    for (const output of [JSON.stringify(idee), page]) expect(output).not.toContain('Bancs');
  });
});

describe('publicFrom', () => {
  it('keeps the responses given under a private promise out of every output', async () => {
    const r = await json('/resultats/fromq/resultats.json');
    expect(r.respondents).toBe(3);
    const csv = await (await get('/resultats/fromq/reponses.csv')).text();
    expect(csv.trim().split('\r\n')).toHaveLength(4);
    expect(await (await get('/resultats/fromq')).text()).toContain('<strong>3</strong> personnes ont répondu');
  });
});

describe('written answers', () => {
  it('only approved texts, masked, reach the page, the JSON and the CSV', async () => {
    const outputs = await Promise.all(URLS('live').map(async (path) => (await get(path)).text()));
    for (const output of outputs) {
      expect(output).not.toContain(PENDING);
      expect(output).not.toContain(REJECTED);
      expect(output).not.toContain('06 12 34 56 78');
      expect(output).toContain('[téléphone masqué]');
    }
  });

  it('are escaped in the page: no tag, no invisible character', async () => {
    const html = await (await get('/resultats/live')).text();
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(INVISIBLES);
    expect(html).toContain('Bip\uFFFD puis \uFFFDesrevne');
  });

  it('are plain strings in the JSON, invisible characters made visible', async () => {
    const res = await get('/resultats/live/resultats.json');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const texts = JSON.stringify(await res.json());
    expect(texts).toContain(JSON.stringify(HOSTILE).slice(1, -1));
    expect(texts).toContain('Bip\uFFFD puis \uFFFDesrevne');
    expect(texts).not.toMatch(INVISIBLES);
  });

  it('are defused in the CSV: a formula starts with a quote, every cell in its own quotes when needed', async () => {
    const bytes = await (await get('/resultats/live/reponses.csv')).arrayBuffer();
    // fetch's text() drops a BOM: read the bytes as they are.
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(
      csv.startsWith('\uFEFFpseudonyme;date;complet;question_quartier;question_velo;question_note;question_idee\r\n'),
    ).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""clic"")"`);
    expect(csv).not.toMatch(/;=HYPERLINK/);
    expect(csv).not.toMatch(INVISIBLES);
  });

  it('a text rejected after approval, or changed by its author, leaves every output at the next request', async () => {
    const before = await get('/resultats/live/resultats.json');
    const etag = before.headers.get('etag')!;
    const decision = await deps.store.moderation.get('live', 'idee', textHash(FORMULA));
    await deps.store.moderation.save({ ...decision!, status: 'rejected', version: 2 }, 1);
    const changed = await deps.store.responses.get('live', 'sub-3');
    await deps.store.responses.save(
      { ...changed!, answers: { ...changed!.answers, idee: 'Nouveau texte' }, version: 2 },
      1,
    );
    for (const path of URLS('live')) {
      const text = await (await get(path)).text();
      expect(text, path).not.toContain('HYPERLINK');
      expect(text, path).not.toContain('masqué]');
      expect(text, path).not.toContain('Nouveau texte');
    }
    expect((await get('/resultats/live/resultats.json', { 'If-None-Match': etag })).status).toBe(200);
  });
});

describe('the CSV', () => {
  it('one row per respondent, a pseudonym of its own per questionnaire, the Paris day without the time', async () => {
    const live = (await (await get('/resultats/live/reponses.csv')).text()).trim().split('\r\n').slice(1);
    const closed = (await (await get('/resultats/closed/reponses.csv')).text()).trim().split('\r\n').slice(1);
    expect(live).toHaveLength(12);
    const pseudonyms = (rows: string[]) => rows.map((row) => row.split(';')[0]!);
    expect(pseudonyms(live).every((p) => /^[0-9a-f]{16}$/.test(p))).toBe(true);
    expect(live.join()).not.toContain('sub-');
    // sub-0 answered both: nothing joins their two rows.
    expect(pseudonyms(closed).filter((p) => pseudonyms(live).includes(p))).toEqual([]);
    expect(live[0]!.split(';')[1]).toBe('2026-11-20');
    expect(live.join()).not.toContain('09:30');
  });
});

describe('validators', () => {
  it('every output carries an ETag with no-cache and answers 304 to it', async () => {
    for (const path of [...URLS('closed'), '/open-data/', '/open-data/datasets.json', '/open-data/catalog.jsonld']) {
      const first = await get(path);
      expect(first.headers.get('cache-control'), path).toBe('no-cache');
      const etag = first.headers.get('etag')!;
      expect(etag, path).toMatch(/^"[\w-]+"$/);
      const again = await get(path, { 'If-None-Match': etag });
      expect(again.status, path).toBe(304);
      expect(await again.text()).toBe('');
    }
  });

  it('the pages carry the console’s Content Security Policy', async () => {
    for (const path of ['/resultats/closed', '/open-data/']) {
      const res = await get(path);
      expect(res.headers.get('content-security-policy'), path).toContain("script-src 'self'");
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    }
  });
});

describe('the open-data index', () => {
  it('datasets.json documents each dataset: licence, publisher, dates, files with media types, columns', async () => {
    const list = (await (await get('/open-data/datasets.json')).json()) as {
      licence: unknown;
      publisher: string;
      datasets: {
        id: string;
        identifier: string;
        issued: string;
        modified: string;
        distributions: { url: string; mediaType: string }[];
        columns: { name: string; title: string }[];
      }[];
    };
    expect(list).toMatchObject({ licence: LICENCES['etalab-2.0'], publisher: 'Ville de test' });
    const closed = list.datasets.find((d) => d.id === 'closed')!;
    expect(closed).toMatchObject({
      identifier: 'http://localhost:3000/resultats/closed',
      issued: '2026-11-24T21:00:00.000Z',
      modified: '2026-11-24T21:00:00.000Z',
    });
    expect(closed.distributions.map((d) => [d.url, d.mediaType])).toEqual([
      ['http://localhost:3000/resultats/closed/resultats.json', 'application/json'],
      ['http://localhost:3000/resultats/closed/reponses.csv', 'text/csv'],
    ]);
    expect(closed.columns.map((c) => c.name)).toEqual([
      'pseudonyme',
      'date',
      'complet',
      'question_quartier',
      'question_velo',
      'question_note',
      'question_idee',
    ]);
    expect(closed.columns[3]!.title).toBe('Votre quartier ?');
  });

  it('catalog.jsonld is a DCAT-AP catalogue of the same datasets', async () => {
    const res = await get('/open-data/catalog.jsonld');
    expect(res.headers.get('content-type')).toBe('application/ld+json; charset=utf-8');
    const catalog = (await res.json()) as Record<string, any>;
    expect(catalog['@type']).toBe('dcat:Catalog');
    expect(catalog['@context'].dcat).toBe('http://www.w3.org/ns/dcat#');
    const datasets = catalog['dcat:dataset'] as Record<string, any>[];
    expect(datasets.map((d) => d['@id']).sort()).toEqual(
      ['closed', 'fromq', 'live'].map((id) => `http://localhost:3000/resultats/${id}`),
    );
    const csv = datasets[0]!['dcat:distribution'].find((d: any) => d['dct:format'] === 'CSV');
    expect(csv['dcat:mediaType']['@id']).toBe('http://www.iana.org/assignments/media-types/text/csv');
    expect(csv['dct:license']['@id']).toBe(LICENCES['etalab-2.0'].url);
  });
});
