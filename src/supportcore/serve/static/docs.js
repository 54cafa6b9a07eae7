// A small offline viewer of the service's OpenAPI document: operations, parameters, bodies,
// responses and schemas. Text from the document is always put on the page as text.
"use strict";

const $ = (id) => document.getElementById(id);

function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const child of children) {
    if (child === null || child === undefined || child === "") continue;
    node.append(child);
  }
  return node;
}

function link(ref) {
  const name = ref.split("/").pop();
  const a = el("a", null, name);
  a.href = "#schema-" + name;
  return a;
}

function typeOf(schema) {
  if (!schema) return "any";
  if (schema.$ref) return link(schema.$ref);
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.anyOf) {
    const span = el("span");
    schema.anyOf.forEach((s, i) => { if (i) span.append(" or "); span.append(typeOf(s)); });
    return span;
  }
  if (schema.type === "array") {
    const span = el("span", null, "list of ");
    span.append(schema.items ? typeOf(schema.items) : "values");
    return span;
  }
  if (schema.type === "object" && schema.additionalProperties && typeof schema.additionalProperties === "object") {
    const span = el("span", null, "table of ");
    span.append(typeOf(schema.additionalProperties));
    return span;
  }
  return Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type || "any");
}

function schemaTable(schema) {
  const props = schema.properties || {};
  const required = new Set(schema.required || []);
  const rows = Object.entries(props).map(([name, s]) => el("tr", null,
    el("td", null, el("code", null, name), required.has(name) ? " *" : ""),
    el("td", null, typeOf(s)),
    el("td", null, s.description || "")));
  if (!rows.length) return el("p", null, "Type: ", typeOf(schema));
  return el("table", null, el("tr", null, el("th", null, "field"), el("th", null, "type"), el("th", null, "description")), ...rows);
}

function operation(path, method, op) {
  const body = el("div", "body", el("p", null, op.description || ""));
  const params = op.parameters || [];
  if (params.length) {
    body.append(el("h4", null, "Parameters"), el("table", null,
      ...params.map((p) => el("tr", null, el("td", null, el("code", null, p.name), " (" + p.in + ")"),
        el("td", null, typeOf(p.schema)), el("td", null, p.description || "")))));
  }
  if (op.requestBody) {
    body.append(el("h4", null, "Request body"));
    for (const [media, content] of Object.entries(op.requestBody.content || {})) {
      body.append(el("p", null, el("code", null, media), ": ", typeOf(content.schema)));
    }
  }
  body.append(el("h4", null, "Responses"));
  for (const [status, r] of Object.entries(op.responses || {})) {
    const kinds = Object.entries(r.content || {}).map(([media, c]) => {
      const span = el("span", null, " ", el("code", null, media), " ");
      span.append(typeOf(c.schema));
      return span;
    });
    body.append(el("p", null, el("strong", null, status), " ", r.description || "", ...kinds));
  }
  const summary = el("summary", null, el("span", "method " + method, method.toUpperCase()), path, " — ", op.summary || "");
  return el("details", "op", summary, body);
}

async function main() {
  const doc = await (await fetch("/openapi.json")).json();
  $("title").textContent = doc.info.title + " " + doc.info.version;
  $("description").textContent = doc.info.description || "";
  if (doc.security && doc.security.length) {
    $("security").textContent = "The /v1/ operations need the header Authorization: Bearer TOKEN.";
  }
  const ops = $("operations");
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) ops.append(operation(path, method, op));
  }
  const schemas = $("schemas");
  for (const [name, schema] of Object.entries(doc.components.schemas)) {
    const block = el("details", "op", el("summary", null, name + (schema.description ? " — " + schema.description : "")),
      el("div", "body", schemaTable(schema)));
    block.id = "schema-" + name;
    schemas.append(block);
  }
  if (location.hash) {
    const target = document.getElementById(location.hash.slice(1));
    if (target) { target.open = true; target.scrollIntoView(); }
  }
  window.addEventListener("hashchange", () => {
    const target = document.getElementById(location.hash.slice(1));
    if (target) target.open = true;
  });
}

main().catch((err) => { $("description").textContent = "Could not read the OpenAPI document: " + err; });
