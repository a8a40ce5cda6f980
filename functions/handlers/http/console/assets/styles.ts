// The console's style sheet: one file, system fonts, contrasts at WCAG AA (4.5:1 for text), a
// visible focus ring everywhere, and a single column under 700 px (390 px phones included).
export const styles = String.raw`
:root {
  --ink: #1b1b1f; --muted: #50535c; --line: #c9ccd3; --paper: #ffffff; --wash: #f3f4f7;
  --brand: #1f4fa3; --brand-ink: #ffffff; --danger: #a1141b; --ok: #1c6b36; --warn: #7a4b00;
  --focus: #ffbf47; --radius: 6px;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color: var(--ink); background: var(--wash); line-height: 1.5;
}
* { box-sizing: border-box; }
body { margin: 0; }
a { color: var(--brand); }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; box-shadow: 0 0 0 5px var(--ink); }
.skip-link { position: absolute; left: -9999px; top: 0; background: var(--paper); padding: .5rem 1rem; z-index: 10; }
.skip-link:focus { left: .5rem; }
header.site { background: var(--brand); color: var(--brand-ink); }
header.site .bar { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.5rem; max-width: 72rem; margin: 0 auto; padding: .75rem 1rem; }
header.site .brand { color: var(--brand-ink); font-weight: 700; font-size: 1.2rem; text-decoration: none; }
header.site nav ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; margin: 0; padding: 0; }
header.site nav a { color: var(--brand-ink); text-decoration: none; padding: .25rem 0; border-bottom: 3px solid transparent; }
header.site nav a[aria-current="page"] { border-bottom-color: var(--brand-ink); font-weight: 600; }
header.site .who { margin-left: auto; display: flex; align-items: center; gap: .75rem; font-size: .95rem; }
header.site .who button { background: transparent; color: var(--brand-ink); border: 1px solid var(--brand-ink); }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
footer.site { max-width: 72rem; margin: 0 auto; padding: 1rem; color: var(--muted); font-size: .9rem; }
h1 { font-size: 1.8rem; margin: 0 0 1rem; line-height: 1.2; }
h2 { font-size: 1.35rem; margin: 2rem 0 .75rem; }
h3 { font-size: 1.1rem; margin: 1.25rem 0 .5rem; }
.card { background: var(--paper); border: 1px solid var(--line); border-radius: var(--radius); padding: 1rem 1.25rem; margin-bottom: 1rem; }
.grid { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); }
.muted { color: var(--muted); }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: 1rem 0; }
.actions form { margin: 0; }
button, .button { font: inherit; cursor: pointer; display: inline-block; padding: .5rem 1rem; border-radius: var(--radius); border: 1px solid var(--brand); background: var(--brand); color: var(--brand-ink); text-decoration: none; line-height: 1.4; }
button.secondary, .button.secondary { background: var(--paper); color: var(--brand); }
button.danger { background: var(--danger); border-color: var(--danger); color: #fff; }
button[disabled] { opacity: .6; cursor: not-allowed; }
table { width: 100%; border-collapse: collapse; background: var(--paper); }
th, td { text-align: left; padding: .5rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; background: var(--wash); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.table-scroll { overflow-x: auto; }
caption { text-align: left; font-weight: 600; padding: .5rem 0; }
form.stack > * + * { margin-top: 1rem; }
.field { margin-bottom: 1rem; }
.field label, .field legend { display: block; font-weight: 600; margin-bottom: .25rem; }
.field .hint { color: var(--muted); font-size: .95rem; margin: 0 0 .25rem; }
.field .error { color: var(--danger); font-weight: 600; margin: 0 0 .25rem; }
.field.invalid input, .field.invalid textarea, .field.invalid select { border-color: var(--danger); border-width: 2px; }
input[type=text], input[type=url], input[type=password], input[type=number], input[type=datetime-local], textarea, select {
  font: inherit; width: 100%; max-width: 40rem; padding: .45rem .6rem; border: 1px solid #767a85; border-radius: var(--radius); background: var(--paper); color: var(--ink);
}
textarea { min-height: 7rem; }
fieldset { border: 1px solid var(--line); border-radius: var(--radius); padding: .75rem 1rem; margin: 0 0 1rem; }
.choices { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; }
.choices label { font-weight: normal; display: inline-flex; gap: .35rem; align-items: center; }
.error-summary { border: 3px solid var(--danger); background: var(--paper); padding: 1rem 1.25rem; margin-bottom: 1.5rem; border-radius: var(--radius); }
.error-summary h2 { margin-top: 0; color: var(--danger); font-size: 1.15rem; }
.notice { border-left: 6px solid var(--ok); background: var(--paper); padding: .75rem 1rem; margin-bottom: 1rem; }
.notice.warning { border-left-color: var(--warn); }
.badge { display: inline-block; padding: .05rem .5rem; border-radius: 1rem; font-size: .85rem; border: 1px solid currentColor; white-space: nowrap; }
.badge.draft { color: var(--muted); } .badge.scheduled { color: var(--brand); } .badge.sending, .badge.paused { color: var(--warn); }
.badge.sent { color: var(--ok); } .badge.cancelled, .badge.failed { color: var(--danger); }
.previews { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); align-items: start; }
.telegram-chat { background: #dfe8d6; border-radius: var(--radius); padding: 1rem; }
.bubble { background: var(--paper); border-radius: 12px 12px 12px 2px; padding: .6rem .8rem; max-width: 26rem; box-shadow: 0 1px 1px rgba(0,0,0,.15); white-space: pre-wrap; overflow-wrap: anywhere; }
.keyboard { display: grid; gap: .3rem; margin-top: .35rem; max-width: 26rem; }
.keyboard .row { display: flex; gap: .3rem; }
.keyboard .key { flex: 1; text-align: center; background: #5b7f4f; color: #fff; border-radius: var(--radius); padding: .35rem .5rem; font-size: .95rem; }
.x-post { border: 1px solid var(--line); border-radius: 12px; padding: .8rem 1rem; background: var(--paper); white-space: pre-wrap; overflow-wrap: anywhere; }
.over-limit { color: var(--danger); font-weight: 700; }
.progress { height: 1.25rem; background: var(--wash); border: 1px solid var(--line); border-radius: var(--radius); overflow: hidden; }
.progress > span { display: block; height: 100%; background: var(--brand); }
.chart svg { max-width: 100%; height: auto; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 700px) {
  header.site .who { margin-left: 0; }
  h1 { font-size: 1.5rem; }
  th, td { padding: .4rem; }
}
/* Results, agents, journal, account (pages/results, pages/agents, pages/audit, pages/account). Chart
   bars #1f4fa3 on #f3f4f7: 7.9:1, above the 3:1 graphics need; chart text in --ink. */
.chart { margin: .5rem 0 1rem; }
.chart svg { display: block; width: 100%; max-width: 40rem; height: auto; }
.chart-label, .chart-value, .chart-tick { fill: var(--ink); font-size: 15px; font-family: inherit; }
.chart-tick { font-size: 13px; text-anchor: middle; }
.chart-track { fill: var(--wash); stroke: var(--line); }
.chart-bar { fill: var(--brand); }
.chart-axis { stroke: var(--muted); }
.question-results h3 { margin-top: 0; }
.short-texts { padding-left: 1.25rem; }
.short-texts li + li { margin-top: .35rem; }
.short-text { white-space: pre-wrap; overflow-wrap: anywhere; }
.breadcrumb { margin: 0 0 .5rem; }
.actions.compact { margin: 0; gap: .35rem .75rem; }
input.token { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 1rem; }
.code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; letter-spacing: .1em; }
.changes { margin: 0; padding-left: 1rem; overflow-wrap: anywhere; }
.changes .field-name { font-weight: 600; }
.filters { display: grid; gap: 0 1rem; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); align-items: end; }
.filters .error-summary, .filters .actions { grid-column: 1 / -1; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1rem; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
@media (max-width: 700px) { .facts { grid-template-columns: 1fr; } .facts dd { margin-bottom: .5rem; } }
/* Démarches and questionnaires pages (pages/demarches, pages/questionnaires): step rows, the
   builder with its preview beside it, the settings of the question kind selected only. */
fieldset.read-only { border: 0; padding: 0; margin: 0; }
fieldset.read-only > legend { font-weight: 600; color: var(--warn); margin-bottom: 1rem; }
fieldset.places fieldset { margin-top: .5rem; }
fieldset.places fieldset legend { font-weight: 600; }
fieldset.step, fieldset.question { background: var(--paper); }
fieldset.step > legend, fieldset.question > legend { font-weight: 700; }
.step-grid, .inline-fields { display: grid; gap: 0 1rem; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); }
label.remove { display: inline-flex; gap: .35rem; align-items: center; }
.error { color: var(--danger); font-weight: 600; }
.builder { display: grid; gap: 1.5rem; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); align-items: start; }
.preview-pane { position: sticky; top: 1rem; }
.preview-pane h2 { margin-top: 0; }
.preview-list > * + * { margin-top: 1rem; }
.preview-invalid { border-left: 6px solid var(--danger); background: var(--paper); padding: .5rem 1rem; }
.badge.phase-upcoming { color: var(--brand); } .badge.phase-open { color: var(--ok); } .badge.phase-closed { color: var(--muted); }
@supports selector(:has(a)) {
  fieldset.question .kind-settings { display: none; }
  fieldset.question:has(option[value="single_choice"]:checked) .for-choices,
  fieldset.question:has(option[value="multiple_choice"]:checked) .for-choices,
  fieldset.question:has(option[value="ranking"]:checked) .for-choices,
  fieldset.question:has(option[value="multiple_choice"]:checked) .for-bounds,
  fieldset.question:has(option[value="scale"]:checked) .for-bounds,
  fieldset.question:has(option[value="scale"]:checked) .for-scale,
  fieldset.question:has(option[value="short_text"]:checked) .for-text { display: block; }
  fieldset.question:has(option[value="scale"]:checked) .for-scale { display: grid; }
}
@media (max-width: 900px) {
  .builder { grid-template-columns: minmax(0, 1fr); }
  .preview-pane { position: static; }
}
/* Campaign pages (pages/campaigns): status filters, summary, feed item, progress bar, blocked scheduling. */
.status-filters { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; padding: 0; margin: 0 0 1rem; }
.status-filters a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
dl.summary { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: .35rem 1rem; background: var(--paper); border: 1px solid var(--line); border-radius: var(--radius); padding: 1rem; }
dl.summary dt { font-weight: 600; }
dl.summary dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.feed-text { white-space: pre-wrap; overflow-wrap: anywhere; }
.feed-item a { overflow-wrap: anywhere; }
.x-post.too-long { border: 2px solid var(--danger); }
.progress-line progress { width: 100%; height: 1.25rem; accent-color: var(--brand); }
.progress-line p { margin: .25rem 0 1rem; }
.blocked-action { display: inline-flex; flex-wrap: wrap; align-items: center; gap: .5rem; }
@media (max-width: 700px) {
  dl.summary { grid-template-columns: 1fr; }
}
`;
