// The page to try a case. Everything shown comes from the service as data and is put on the
// page as text (textContent, text nodes): a case, a reason or a clause is never read as markup.
"use strict";

const $ = (id) => document.getElementById(id);

function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const child of children) {
    if (child === null || child === undefined || child === "") continue;
    node.append(child); // a string is appended as a text node
  }
  return node;
}

function headers(extra) {
  const h = Object.assign({}, extra || {});
  const token = $("token").value.trim();
  if (token) h.Authorization = "Bearer " + token;
  return h;
}

async function api(path, options) {
  const opts = Object.assign({}, options || {});
  opts.headers = headers(opts.headers);
  const response = await fetch(path, opts);
  let body = null;
  const type = response.headers.get("content-type") || "";
  if (type.includes("json")) body = await response.json();
  else body = await response.text();
  return { response, body };
}

function say(text) { $("status").textContent = text; }

function showProblem(problem) {
  $("errors").hidden = false;
  $("error-title").textContent = problem.title + (problem.detail ? ": " + problem.detail : "");
  const list = $("error-list");
  list.replaceChildren();
  for (const e of problem.errors || []) {
    list.append(el("li", null, el("code", null, e.field), " — ", e.message));
  }
  if (problem.status === 401) $("token-box").open = true;
}

function clearProblem() { $("errors").hidden = true; $("error-list").replaceChildren(); }

async function loadVendors() {
  const { response, body } = await api("/v1/vendors");
  if (!response.ok) { showProblem(body); return; }
  clearProblem();
  const select = $("vendor");
  select.replaceChildren();
  for (const r of body) {
    if (r.kind !== "vendor" || r.status !== "loaded") continue;
    // the title, with the plugin's name unless the title already says it
    const named = !r.title || r.title.includes("(" + r.name + ")");
    const option = el("option", null, named ? (r.title || r.name) : r.title + " (" + r.name + ")");
    option.value = r.name;
    select.append(option);
  }
  if (select.options.length) await loadExamples();
}

async function loadExamples() {
  const vendor = $("vendor").value;
  const select = $("example");
  select.replaceChildren(el("option", null, "— paste or write a case —"));
  select.options[0].value = "";
  const { response, body } = await api("/v1/vendors/" + encodeURIComponent(vendor) + "/examples");
  if (!response.ok) { showProblem(body); return; }
  for (const name of body) {
    const option = el("option", null, name.replace(/^\d+-/, "").replaceAll("-", " "));
    option.value = name;
    select.append(option);
  }
  if (!body.length) say("No example cases for this vendor: paste a case.");
}

async function loadExample() {
  const name = $("example").value;
  if (!name) return;
  const vendor = encodeURIComponent($("vendor").value);
  const { response, body } = await api("/v1/vendors/" + vendor + "/examples/" + encodeURIComponent(name));
  if (!response.ok) { showProblem(body); return; }
  $("case").value = JSON.stringify(body, null, 2);
  say("Example loaded: edit it if you like, then Evaluate.");
}

const GOOD = new Set(["entitled", "covered", "free", "complete", "open"]);
const BAD = new Set(["not_entitled", "excluded", "closed"]);

function words(status) { return String(status).replaceAll("_", " "); }

function card(id, label, value, status) {
  const tone = GOOD.has(status) ? "good" : BAD.has(status) ? "bad" : status === "undetermined" ? "unknown" : "";
  const v = el("div", "value", value);
  v.id = "status-" + id;
  return el("div", "card " + tone, el("div", "label", label), v);
}

let moneyLocale = "en";  // the decision's locale ("es_ES" → "es-ES"), set by render()

function money(m) {
  if (!m) return "";
  try {  // the exact decimal string, written as the decision's locale writes money
    return new Intl.NumberFormat(moneyLocale, { style: "currency", currency: m.currency }).format(m.amount);
  } catch (err) {
    return m.amount + " " + m.currency;
  }
}

function when(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toLocaleString(undefined, { dateStyle: "full", timeStyle: "short" }) + " (" + iso + ")";
}

function citations(list) {
  const out = [];
  for (const c of list || []) {
    const q = el("blockquote", "citation", el("span", "clause", "[" + c.clause + "]"), "“" + c.text + "”");
    q.dataset.clause = c.clause;
    out.push(q);
  }
  return out;
}

function reasons(list) {
  return (list || []).map((r) => el("div", "reason", el("div", null, r.message), ...citations(r.citations)));
}

function remedies(list, heading) {
  if (!list || !list.length) return [];
  const items = list.map((r) => el("li", null,
    r.description, r.price ? " — " + money(r.price) : "", r.price_note ? " (" + r.price_note + ")" : "",
    ...(r.missing || []).map((m) => el("div", "muted", "price unknown: setting " + m.vendor + "." + m.key + " not supplied")),
    ...citations(r.citations)));
  return [el("h4", null, heading), el("ul", null, ...items)];
}

function missing(list, what) {
  return (list || []).map((m) => el("div", "muted", what + ": " + (m.key ? m.vendor + "." + m.key : m.field) + " — " + m.needed_for));
}

function section(title, ...content) { return el("section", "part", el("h3", null, title), ...content); }

function render(d) {
  $("answer").hidden = false;
  $("explanation").lang = d.lang || "";  // the explanations' language (the page's own is English)
  moneyLocale = (d.locale || d.lang || "en").replace("_", "-");
  $("case-id").textContent = d.case_id ? "for " + d.case_id : "";
  const price = d.price || {};
  const svc = d.service || {};
  const open = svc.open_now === true ? "open" : svc.open_now === false ? "closed" : "unknown";
  $("summary").replaceChildren(
    card("eligibility", "Eligibility", words(d.eligibility.status), d.eligibility.status),
    card("coverage", "Coverage", words(d.coverage.status), d.coverage.status),
    card("price", "Price", words(price.status) + (price.total && (price.lines || []).length ? ": " + money(price.total) : ""), price.status),
    card("closure", "Ticket", words(d.closure.status), d.closure.status),
    card("service", "Desk (" + svc.channel + ")", open, open === "open" ? "open" : open === "closed" ? "not_entitled" : "undetermined"),
  );
  const e = d.eligibility;
  const parts = [
    section("Eligibility: " + words(e.status) + (e.valid_until ? " (until " + e.valid_until + ")" : ""),
      ...reasons(e.basis), ...reasons(e.reasons), ...missing(e.missing, "missing setting"),
      ...missing(e.missing_facts, "missing from the case"), ...remedies(e.remedies, "What the customer can do")),
    section("Coverage of “" + d.coverage.category + "”: " + words(d.coverage.status),
      ...reasons(d.coverage.reasons), ...missing(d.coverage.missing_facts, "missing from the case"),
      ...remedies(d.coverage.remedies, "Instead")),
    section("Price: " + words(price.status),
      el("ul", null, ...(price.lines || []).map((l) => el("li", null, l.description + ": " + l.quantity + " " + l.unit + " × " + money(l.unit_price) + " = " + money(l.amount), ...citations(l.citations)))),
      el("ul", null, ...(price.taxes || []).map((t) => el("li", null, t.name + ": " + money(t.amount), ...citations(t.citations)))),
      (price.lines || []).length && price.total ? el("div", null, el("strong", null, "Total: " + money(price.total))) : null,
      ...missing(price.missing, "missing tariff"), ...reasons(price.reasons)),
    section("Ticket: " + words(d.closure.status) + (d.closure.closed_at ? ", closed " + when(d.closure.closed_at) : d.closure.closes_at ? ", closes " + when(d.closure.closes_at) : ""),
      ...reasons(d.closure.reasons),
      el("ul", null, ...(d.closure.actions || []).map((a) => el("li", null, "Owed by " + a.party + ": " + a.description + (a.due ? " by " + when(a.due) : ""), ...citations(a.citations))))),
    section("Desk: " + svc.channel + " is " + open + (svc.schedule ? " (" + svc.schedule + ")" : ""),
      svc.next_opening ? el("div", null, "Next opening: " + when(svc.next_opening)) : null,
      svc.response_due ? el("div", null, "Response due: " + when(svc.response_due)) : null,
      ...reasons(svc.reasons), ...missing(svc.missing, "missing setting")),
  ];
  if ((d.problems || []).length) parts.push(section("Input problems", el("ul", null, ...d.problems.map((p) => el("li", null, p.field + ": " + p.message)))));
  if ((d.failures || []).length) parts.push(section("Plugin failures", el("ul", null, ...d.failures.map((f) => el("li", null, f.plugin + "." + f.hook + ": " + f.error)))));
  $("explanation").replaceChildren(...parts);
  const seen = new Map();
  for (const q of document.querySelectorAll("#explanation blockquote.citation")) {
    const key = q.dataset.clause;
    if (!seen.has(key)) seen.set(key, q.lastChild.textContent);
  }
  $("clauses").replaceChildren(...[...seen].map(([clause, text]) => el("li", null, el("span", "clause-id", clause), " ", text)));
  $("raw").textContent = JSON.stringify(d, null, 2);
}

// POST /v1/decisions, answered as `accept` (the decision's JSON, or its text). Without a
// language chosen, the vendor's: not the browser's Accept-Language.
function decide(payload, accept) {
  return api("/v1/decisions", {
    method: "POST",
    headers: { "Content-Type": "application/json", "Accept": accept, "Accept-Language": "*" },
    body: JSON.stringify(payload),
  });
}

// The explanation as supportcore evaluate prints it, in the decision's language: the words for
// the customer first, then the agent's references (the same request, answered as text).
async function readAloud(payload) {
  $("aloud").textContent = "";
  const { response, body } = await decide(payload, "text/plain");
  if (response.ok && typeof body === "string") $("aloud").textContent = body;
  $("aloud").lang = $("explanation").lang;
}

async function evaluate() {
  clearProblem();
  let body;
  try { body = JSON.parse($("case").value); } catch (err) {
    showProblem({ title: "The case is not JSON", detail: String(err.message), errors: [] });
    return;
  }
  const at = $("at").value.trim();
  const lang = $("lang").value;
  const payload = at || lang ? { case: body } : body;
  if (at) payload.at = at;
  if (lang) payload.lang = lang;
  $("evaluate").disabled = true;
  say("Evaluating…");
  try {
    const { response, body: answer } = await decide(payload, "application/json");
    if (response.ok) {
      render(answer);
      say("Decided.");
      await readAloud(payload);
    }
    else {
      showProblem(answer);
      if (answer && answer.decision) render(answer.decision);
      say("The service answered " + response.status + ".");
    }
  } catch (err) {
    showProblem({ title: "The service could not be reached", detail: String(err), errors: [] });
  } finally { $("evaluate").disabled = false; }
}

window.addEventListener("DOMContentLoaded", () => {
  $("token").value = sessionStorage.getItem("supportcore-token") || "";
  $("lang").value = sessionStorage.getItem("supportcore-lang") || "";
  $("lang").addEventListener("change", () => sessionStorage.setItem("supportcore-lang", $("lang").value));
  $("token").addEventListener("change", () => { sessionStorage.setItem("supportcore-token", $("token").value); loadVendors(); });
  $("vendor").addEventListener("change", loadExamples);
  $("example").addEventListener("change", loadExample);
  $("evaluate").addEventListener("click", evaluate);
  loadVendors().catch((err) => say("Could not list the vendors: " + err));
});
