// Bundling shim: telegraf's node-fetch v2 takes Node's own URL and only falls back on the
// `whatwg-url` package (with its 260 KB Unicode table, tr46) on runtimes without one. Node 22 has
// URL, so the webhook bundle maps `whatwg-url` here and stays under its cold-start budget.
module.exports = { URL: globalThis.URL, URLSearchParams: globalThis.URLSearchParams };
