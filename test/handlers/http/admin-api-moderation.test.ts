// The moderation routes of the admin API: the queue by status (the original for editors, never for
// viewers), a decision with its ETag and If-Match, the rules as 400s with their rule names, an
// unknown text as 404, and the audit trail of each decision.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '#core/agents/tokens';
import { BOOTSTRAP_ADMIN, createAgent } from '#core/agents/use-cases';
import { textHash } from '#core/moderation/decision';
import { MASKS } from '#core/moderation/masking';
import { createQuestionnaire } from '#core/questionnaires/use-cases';
import { adminApi } from '#handlers/http/admin-api/app';
import { startHttpDeps } from '../../support/http-deps';

const ADMIN = 'pv_bootstrap-token-for-moderation-tests';
let env: Awaited<ReturnType<typeof startHttpDeps>>;
let app: ReturnType<typeof adminApi>;
let tokens: { editor: string; viewer: string };
let base = '';
const TEXT = 'Écrivez-moi : camille@exemple.fr, pour le marché';

// Bodies are checked field by field below; `any` keeps the assertions readable.
type JsonResponse = Omit<Response, 'json'> & { json(): Promise<any> };
const call = async (
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse> =>
  app.request(path, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

beforeAll(async () => {
  env = await startHttpDeps();
  app = adminApi(env.deps, { bootstrapTokenHash: hashToken(ADMIN) });
  const q = await createQuestionnaire(env.deps, BOOTSTRAP_ADMIN, {
    title: 'Le marché',
    opensAt: '2026-11-20T08:00:00.000Z',
    closesAt: '2026-12-20T08:00:00.000Z',
    nextSteps: 'Présenté au conseil.',
    questions: [{ kind: 'short_text', id: 'idee', prompt: 'Une idée ?' }],
  });
  base = `/api/v1/questionnaires/${q.id}/moderation`;
  for (const [i, text] of [TEXT, TEXT, 'Plus de bancs'].entries())
    await env.deps.store.responses.save(
      {
        questionnaireId: q.id,
        subscriberId: `p${i}`,
        answers: { idee: text },
        complete: true,
        createdAt: '2026-11-21T08:00:00.000Z',
        updatedAt: `2026-11-2${i + 1}T08:00:00.000Z`,
        version: 1,
      },
      undefined,
    );
  const made = async (role: 'editor' | 'viewer') =>
    (await createAgent(env.deps, BOOTSTRAP_ADMIN, { name: `Agent ${role}`, role })).token;
  tokens = { editor: await made('editor'), viewer: await made('viewer') };
});
afterAll(() => env.close());

describe('GET …/moderation', () => {
  it('lists each distinct text, masked, with the original for editors', async () => {
    const response = await call(tokens.editor, 'GET', `${base}?status=pending`);
    expect(response.status).toBe(200);
    const queue = await response.json();
    expect(queue.counts).toEqual({ pending: 2, approved: 0, rejected: 0 });
    expect(queue.items[0]).toMatchObject({
      questionId: 'idee',
      textHash: textHash(TEXT),
      original: TEXT,
      masked: `Écrivez-moi : ${MASKS.email}, pour le marché`,
      maskedDetails: [{ kind: 'email', count: 1 }],
      respondents: 2,
      firstAt: '2026-11-21T08:00:00.000Z',
      lastAt: '2026-11-22T08:00:00.000Z',
      status: 'pending',
    });
  });

  it('never gives a viewer the original text', async () => {
    const queue = await (await call(tokens.viewer, 'GET', base)).json();
    expect(queue.items).toHaveLength(2);
    expect(JSON.stringify(queue)).not.toContain('camille@exemple.fr');
  });

  it('refuses an unknown status and answers 404 for an unknown questionnaire', async () => {
    expect((await call(tokens.editor, 'GET', `${base}?status=maybe`)).status).toBe(400);
    expect((await call(tokens.editor, 'GET', '/api/v1/questionnaires/inconnu/moderation')).status).toBe(404);
  });
});

describe('PUT …/moderation/{questionId}/{textHash}', () => {
  const path = () => `${base}/idee/${textHash(TEXT)}`;

  it('approves with a redaction, answers the decision with its ETag, then changes it from that version', async () => {
    const approved = await call(tokens.editor, 'PUT', path(), { status: 'approved', redactions: ['le marché'] });
    expect(approved.status).toBe(200);
    expect(approved.headers.get('ETag')).toBe('"1"');
    expect(await approved.json()).toMatchObject({ status: 'approved', redactions: ['le marché'], version: 1 });
    const queue = await (await call(tokens.viewer, 'GET', `${base}?status=approved`)).json();
    expect(queue.items[0].published).toBe(`Écrivez-moi : ${MASKS.email}, pour [passage retiré]`);

    const stale = await call(
      tokens.editor,
      'PUT',
      path(),
      { status: 'rejected', reason: 'Hors sujet' },
      { 'If-Match': '"5"' },
    );
    expect(stale.status).toBe(409);
    const rejected = await call(
      tokens.editor,
      'PUT',
      path(),
      { status: 'rejected', reason: 'Hors sujet' },
      { 'If-Match': '"1"' },
    );
    expect(rejected.status).toBe(200);
    expect(rejected.headers.get('ETag')).toBe('"2"');

    const audit = await env.deps.store.audit.list({ actionPrefix: 'moderation.' });
    expect(audit.items.map((e) => e.action).sort()).toEqual(['moderation.approve', 'moderation.reject']);
    expect(JSON.stringify(audit.items)).not.toContain('camille@exemple.fr');
  });

  it('names the broken rule: a reason to reject, a redaction from the masked text, no unknown field', async () => {
    const target = `${base}/idee/${textHash('Plus de bancs')}`;
    const noReason = await (await call(tokens.editor, 'PUT', target, { status: 'rejected' })).json();
    expect(noReason.error.violations).toEqual([expect.objectContaining({ field: 'reason', rule: 'reason_required' })]);
    const notThere = await call(tokens.editor, 'PUT', path(), {
      status: 'approved',
      redactions: ['camille@exemple.fr'],
    });
    expect(notThere.status).toBe(400);
    expect((await notThere.json()).error.violations[0].rule).toBe('redaction_not_found');
    expect((await call(tokens.editor, 'PUT', target, { status: 'approved', textHash: 'x' })).status).toBe(400);
  });

  it('answers 404 for a text nobody wrote, 400 for a malformed hash, 403 for a viewer', async () => {
    expect(
      (await call(tokens.editor, 'PUT', `${base}/idee/${textHash('personne')}`, { status: 'approved' })).status,
    ).toBe(404);
    expect((await call(tokens.editor, 'PUT', `${base}/idee/abc`, { status: 'approved' })).status).toBe(400);
    expect((await call(tokens.viewer, 'PUT', path(), { status: 'approved' })).status).toBe(403);
  });
});
