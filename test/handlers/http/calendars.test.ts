// The public calendars over HTTP, on the real store, parsed back with ical.js (an independent
// parser): permanent UIDs, SEQUENCE raised by an edit, Paris times across a daylight-saving change,
// cancelled steps, scopes and their 404s, and the validators that let applications poll for a 304.
import type { Hono } from 'hono';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemarche, updateDemarche } from '#core/demarches/use-cases';
import { calendarRoutes } from '#handlers/http/calendars';
import { startHttpDeps } from '../../support/http-deps';

const actor = { agentId: 'a1', name: 'Camille' };
let app: Hono;
let env: Awaited<ReturnType<typeof startHttpDeps>>;

beforeAll(async () => {
  env = await startHttpDeps('2026-03-01T10:00:00.000Z');
  app = calendarRoutes(env.deps);
  await createDemarche(env.deps, actor, {
    slug: 'bords-de-loire',
    title: 'Bords de Loire & quais',
    summary: 'Réaménager les quais avec les habitants.',
    link: 'https://dialoguecitoyen.example/bords-de-loire',
    themes: ['loire', 'mobilites'],
    territories: ['nantes-ile-de-nantes'],
    steps: [
      // Saturday before the spring change (UTC+1), then Monday after it (UTC+2).
      {
        id: 'consult',
        kind: 'consultation',
        title: 'Consultation',
        start: '2026-03-28T09:00:00Z',
        end: '2026-03-30T16:00:00Z',
      },
      {
        id: 'atelier',
        kind: 'workshop',
        title: 'Atelier',
        start: '2026-04-10T16:30:00Z',
        link: 'https://dialoguecitoyen.example/atelier',
      },
      // Midnight in Paris (summer time): a day in the calendar.
      { id: 'synthese', kind: 'synthesis', title: 'Synthèse', start: '2026-06-14T22:00:00Z' },
    ],
  });
  await createDemarche(env.deps, actor, {
    slug: 'ecoles-reze',
    title: 'Écoles de Rezé',
    summary: 'Les cours d’école.',
    link: 'https://dialoguecitoyen.example/ecoles',
    themes: ['education'],
    territories: ['reze'],
    steps: [{ id: 'vote', kind: 'decision', title: 'Décision', start: '2026-05-01T08:00:00Z' }],
  });
});
afterAll(() => env.close());

const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });

/** The events of a calendar, by UID, read by ical.js with the calendar's own VTIMEZONE. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const events = new Map<string, ICAL.Component>();
  for (const vevent of calendar.getAllSubcomponents('vevent'))
    events.set(String(vevent.getFirstPropertyValue('uid')), vevent);
  return { calendar, events };
}
const time = (event: ICAL.Component, name: 'dtstart' | 'dtend') => event.getFirstPropertyValue(name) as ICAL.Time;

describe('GET /feeds/**/calendar.ics', () => {
  it('serves every step as an event in Paris time, daylight-saving change included', async () => {
    const res = await get('/feeds/demarches/bords-de-loire/calendar.ics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const { calendar, events } = parse(await res.text());
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Bords de Loire & quais — Porte-voix');
    expect([...events.keys()]).toEqual([
      'bords-de-loire.consult@porte-voix',
      'bords-de-loire.atelier@porte-voix',
      'bords-de-loire.synthese@porte-voix',
    ]);
    const consult = events.get('bords-de-loire.consult@porte-voix')!;
    expect(consult.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Paris');
    expect(time(consult, 'dtstart').toString()).toBe('2026-03-28T10:00:00');
    expect(time(consult, 'dtend').toString()).toBe('2026-03-30T18:00:00');
    // The VTIMEZONE maps the local times back to the very instants the agent entered.
    expect(time(consult, 'dtstart').toJSDate().toISOString()).toBe('2026-03-28T09:00:00.000Z');
    expect(time(consult, 'dtend').toJSDate().toISOString()).toBe('2026-03-30T16:00:00.000Z');
    expect(consult.getFirstPropertyValue('summary')).toBe('Consultation — Bords de Loire & quais');
    expect(consult.getFirstPropertyValue('description')).toBe(
      'Consultation — Bords de Loire & quais\nhttps://dialoguecitoyen.example/bords-de-loire',
    );
    expect(consult.getFirstPropertyValue('url')).toBe('https://dialoguecitoyen.example/bords-de-loire');
    expect(consult.getFirstProperty('categories')!.getValues()).toEqual(['Loire', 'Mobilités']);
    expect(consult.getFirstPropertyValue('sequence')).toBe(0);
    expect(consult.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(String(consult.getFirstPropertyValue('dtstamp'))).toBe('2026-03-01T10:00:00Z');
  });

  it('makes a step without an end a one-hour event, or a day when it starts at midnight in Paris', async () => {
    const { events } = parse(await (await get('/feeds/demarches/bords-de-loire/calendar.ics')).text());
    const atelier = events.get('bords-de-loire.atelier@porte-voix')!;
    expect(time(atelier, 'dtstart').toString()).toBe('2026-04-10T18:30:00');
    expect(time(atelier, 'dtend').toString()).toBe('2026-04-10T19:30:00');
    expect(atelier.getFirstPropertyValue('url')).toBe('https://dialoguecitoyen.example/atelier');
    const synthese = events.get('bords-de-loire.synthese@porte-voix')!;
    expect(time(synthese, 'dtstart').isDate).toBe(true);
    expect(time(synthese, 'dtstart').toString()).toBe('2026-06-15');
  });

  it('keeps UIDs across renders and raises SEQUENCE and DTSTAMP when a step changes', async () => {
    const before = parse(await (await get('/feeds/calendar.ics')).text()).events;
    env.clock.advance(3_600_000);
    const current = (await env.deps.store.demarches.get('bords-de-loire'))!;
    await updateDemarche(env.deps, actor, 'bords-de-loire', {
      steps: current.steps.map((s) => (s.id === 'atelier' ? { ...s, start: '2026-04-11T08:00:00Z' } : s)),
    });
    const after = parse(await (await get('/feeds/calendar.ics')).text()).events;
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const atelier = after.get('bords-de-loire.atelier@porte-voix')!;
    expect(atelier.getFirstPropertyValue('sequence')).toBe(1);
    expect(String(atelier.getFirstPropertyValue('dtstamp'))).toBe('2026-03-01T11:00:00Z');
    expect(String(atelier.getFirstPropertyValue('last-modified'))).toBe('2026-03-01T11:00:00Z');
    expect(time(atelier, 'dtstart').toString()).toBe('2026-04-11T10:00:00');
    // The others did not change: same revision.
    expect(after.get('bords-de-loire.consult@porte-voix')!.getFirstPropertyValue('sequence')).toBe(0);
  });

  it('keeps a cancelled step, STATUS:CANCELLED, with a raised SEQUENCE', async () => {
    const current = (await env.deps.store.demarches.get('ecoles-reze'))!;
    await updateDemarche(env.deps, actor, 'ecoles-reze', {
      steps: current.steps.map((s) => ({ ...s, cancelled: true })),
    });
    const { events } = parse(await (await get('/feeds/territoires/reze/calendar.ics')).text());
    const vote = events.get('ecoles-reze.vote@porte-voix')!;
    expect(vote.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(vote.getFirstPropertyValue('sequence')).toBe(1);
  });

  it('shows in a theme or a place only the démarches filed under it', async () => {
    const loire = parse(await (await get('/feeds/themes/loire/calendar.ics')).text()).events;
    expect([...loire.keys()].every((uid) => uid.startsWith('bords-de-loire.'))).toBe(true);
    expect(loire.size).toBe(3);
    const reze = parse(await (await get('/feeds/territoires/reze/calendar.ics')).text()).events;
    expect([...reze.keys()]).toEqual(['ecoles-reze.vote@porte-voix']);
    const global = parse(await (await get('/feeds/calendar.ics')).text()).events;
    expect(global.size).toBe(4);
  });

  it('answers 404 for an unknown démarche, theme or place', async () => {
    for (const path of [
      '/feeds/demarches/inconnue/calendar.ics',
      '/feeds/themes/astrologie/calendar.ics',
      '/feeds/territoires/paris/calendar.ics',
      '/feeds/demarches/Pas%20un%20slug/calendar.ics',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toContain('ce calendrier n’existe pas');
    }
  });

  it('answers 304 to If-None-Match and If-Modified-Since while nothing changed, 200 after a change', async () => {
    const path = '/feeds/demarches/bords-de-loire/calendar.ics';
    const first = await get(path);
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    expect((await get(path, { 'If-None-Match': etag })).status).toBe(304);
    expect((await get(path, { 'If-None-Match': `W/${etag}` })).status).toBe(304);
    expect((await get(path, { 'If-Modified-Since': lastModified })).status).toBe(304);
    env.clock.advance(60_000);
    await updateDemarche(env.deps, actor, 'bords-de-loire', { title: 'Bords de Loire' });
    const changed = await get(path, { 'If-None-Match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });
});

describe('GET /feeds/index.html', () => {
  it('lists, for all démarches and each démarche, theme and place that has some, the feeds and the calendar', async () => {
    const res = await get('/feeds/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<h1>S’abonner aux actualités et aux calendriers des démarches</h1>');
    for (const href of [
      'http://localhost:3000/feeds/rss.xml',
      'webcal://localhost:3000/feeds/calendar.ics',
      'http://localhost:3000/feeds/demarches/bords-de-loire/atom.xml',
      'webcal://localhost:3000/feeds/demarches/bords-de-loire/calendar.ics',
      'http://localhost:3000/feeds/demarches/bords-de-loire/calendar.ics',
      'http://localhost:3000/feeds/themes/loire/feed.json',
      'webcal://localhost:3000/feeds/themes/education/calendar.ics',
      'webcal://localhost:3000/feeds/territoires/nantes-ile-de-nantes/calendar.ics',
      'http://localhost:3000/feeds/territoires/reze/rss.xml',
    ])
      expect(html, href).toContain(`href="${href}"`);
    // Themes and places without a démarche are left out: their feeds would stay empty.
    expect(html).not.toContain('/feeds/themes/sport/');
    expect(html).not.toContain('/feeds/territoires/vertou/');
    // Every link names its scope for screen readers, which list links out of their context.
    expect(html).toContain('Flux RSS<span class="visually-hidden"> — Mobilités</span>');
    const etag = res.headers.get('etag')!;
    expect((await get('/feeds/index.html', { 'If-None-Match': etag })).status).toBe(304);
    expect((await get('/feeds/')).status).toBe(200);
  });
});
