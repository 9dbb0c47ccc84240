import cytoscape from "cytoscape";
import { blob, enc, get, post, save } from "../api";
import { announce, clear, errorBox, field, h } from "../dom";
import { amount, amountText, colourOf, short, time } from "../format";
import type { Trace, TraceEndpoint } from "../types";
import { graphStyle } from "./graphStyle";
import { findPaths } from "./paths";
import { pinControl } from "./pin";

const StopCategories = ["exchange", "mixing_service", "market", "gambling", "payment_processor", "wallet_service", "defi", "bridge"];

export async function renderTrace(view: HTMLElement, params: URLSearchParams): Promise<void> {
  view.append(h("h1", {}, "Trace funds"));
  const chain = h("select", { name: "chain" }, h("option", { value: "btc" }, "btc"), h("option", { value: "eth" }, "eth"));
  chain.value = params.get("chain") ?? "btc";
  const start = h("input", { type: "text", name: "start", required: true, spellcheck: "false", value: params.get("start") ?? "" });
  const direction = h("select", { name: "direction" }, h("option", { value: "forward" }, "forward (where the funds went)"), h("option", { value: "backward" }, "backward (where they came from)"));
  const hops = h("input", { type: "number", name: "hops", min: "1", max: "10", value: "6", required: true });
  const taint = h("select", { name: "taint" }, h("option", { value: "haircut" }, "haircut (proportional)"), h("option", { value: "fifo" }, "FIFO"), h("option", { value: "poison" }, "poison"));
  const breadth = h("input", { type: "number", name: "breadth", min: "1" });
  const stops = StopCategories.map(c => h("input", { type: "checkbox", name: "stop", value: c, id: `stop-${c}`, checked: c === "exchange" }));
  const problem = h("div", { "aria-live": "polite" });
  const submit = h("button", { type: "submit" }, "Run trace");
  const form = h("form", { class: "card" },
    h("div", { class: "row" }, field("Chain", chain), field("Start (address, cluster:ID or txid:vout)", start), field("Direction", direction)),
    h("div", { class: "row" }, field("Hops (1–10)", hops), field("Taint model", taint), field("Breadth (outputs followed per transaction, optional)", breadth)),
    h("fieldset", {}, h("legend", {}, "Stop at categories"), ...stops.map(s => h("span", { class: "check" }, s, h("label", { for: s.id }, s.value)))),
    problem, submit);
  const result = h("div", { class: "result" });
  view.append(form, result);
  form.addEventListener("submit", async e => {
    e.preventDefault();
    clear(problem);
    submit.disabled = true;
    const body: Record<string, unknown> = {
      chain: chain.value, start: start.value.trim(), direction: direction.value, hops: Number(hops.value), taint: taint.value,
      stop: stops.filter(s => s.checked).map(s => s.value),
    };
    if (breadth.value) body.breadth = Number(breadth.value);
    try {
      const trace = await post<Trace>("/v1/traces", body);
      history.replaceState(null, "", `#/trace?id=${trace.id}`);
      await showResult(result, trace);
    } catch (error) {
      problem.append(errorBox(error));
    } finally {
      submit.disabled = false;
    }
  });
  const id = params.get("id");
  if (id) await showResult(result, await get<Trace>(`/v1/traces/${enc(id)}`));
}

async function showResult(result: HTMLElement, trace: Trace): Promise<void> {
  clear(result);
  const c = trace.chain;
  const canvas = h("div", { class: "graph", role: "img", "aria-label": `Trace graph: ${trace.edges.length} hops, ${trace.endpoints.length} endpoints; the endpoint table lists them` });
  const detail = h("div", { class: "card", id: "endpoint-detail", "aria-live": "polite" });
  const download = (format: string, ext: string) => h("button", { type: "button", onclick: async () => save(await blob(`/v1/traces/${trace.id}?format=${format}`), `trace-${trace.id}.${ext}`) }, `Download ${format.toUpperCase()}`);
  result.append(
    h("section", { class: "card", "aria-labelledby": "trace-title" },
      h("h2", { id: "trace-title" }, `Result: ${trace.direction} ${trace.taint} trace`),
      h("p", {}, "Trace ", h("code", { "data-trace-id": trace.id }, trace.id), ` · status ${trace.status}${trace.cutShort ? ` (${trace.cutShort})` : ""}`),
      h("dl", { class: "facts" },
        h("dt", {}, "Traced"), h("dd", {}, amount(c, trace.totals.traced)),
        h("dt", {}, "Reached endpoints"), h("dd", {}, amount(c, trace.totals.reachedEndpoints)),
        h("dt", {}, "Unspent"), h("dd", {}, amount(c, trace.totals.unspent)),
        h("dt", {}, "Fees"), h("dd", {}, amount(c, trace.totals.fees)),
        h("dt", {}, "Cut by limits"), h("dd", {}, amount(c, trace.totals.cutByLimits)),
        h("dt", {}, "Data height"), h("dd", {}, Object.entries(trace.provenance.dataHeights).map(([k, v]) => `${k} ${v}`).join(", "))),
      h("p", { class: "actions" }, download("json", "json"), download("csv", "csv"), download("graphml", "graphml"))),
    h("section", { class: "card", "aria-labelledby": "endpoints-title" }, h("h2", { id: "endpoints-title" }, "Endpoints"), endpointTable(trace, detail, canvas)),
    detail, canvas,
    h("section", { class: "card", "aria-labelledby": "pin-trace" }, h("h2", { id: "pin-trace" }, "Pin this trace"), await pinControl("trace", null, trace.id)));
  requestAnimationFrame(() => drawTrace(canvas, trace));
  announce(`Trace done: ${trace.endpoints.length} endpoints`);
}

function endpointTable(trace: Trace, detail: HTMLElement, canvas: HTMLElement): HTMLElement {
  if (trace.endpoints.length === 0) return h("p", { class: "empty" }, "The trace reached no labelled endpoint.");
  return h("table", {}, h("caption", {}, "Endpoints reached, largest amount first"),
    h("thead", {}, h("tr", {}, ...["Entity", "Category", "Amount", "Hops", "First reached", ""].map(x => h("th", { scope: "col" }, x)))),
    h("tbody", {}, ...trace.endpoints.map(e => h("tr", {},
      h("td", {}, h("code", {}, short(e.entity, 12))),
      h("td", {}, h("span", { class: "chip", style: `border-color:${colourOf(e.category ?? undefined)}` }, e.category ?? e.kind)),
      h("td", { class: "num" }, amount(trace.chain, e.amount)),
      h("td", { class: "num" }, String(e.hops)),
      h("td", {}, `block ${e.firstHeight}, `, time(e.firstTime)),
      h("td", {}, h("button", { type: "button", onclick: () => void openEndpoint(trace, e, detail, canvas) }, `Open ${e.category ?? "endpoint"} ${short(e.entity, 6)}`))))));
}

async function openEndpoint(trace: Trace, e: TraceEndpoint, detail: HTMLElement, canvas: HTMLElement): Promise<void> {
  clear(detail);
  const cluster = e.entity.startsWith("cluster:") ? e.entity.slice(8) : null;
  detail.append(h("h2", { id: "endpoint-title" }, `Endpoint: ${e.category ?? e.kind}`),
    h("p", {}, h("code", { class: "subject" }, e.entity)),
    h("dl", { class: "facts" },
      h("dt", {}, "Amount reached"), h("dd", {}, amount(trace.chain, e.amount)),
      h("dt", {}, "Hops"), h("dd", {}, String(e.hops)),
      h("dt", {}, "Labels"), h("dd", {}, e.labels.join("; ") || "—"),
      h("dt", {}, "Addresses reached"), h("dd", {}, String(e.addresses))),
    h("p", {}, cluster
      ? h("a", { class: "button", href: `#/cluster/${trace.chain}/${cluster}` }, `Open cluster ${cluster}`)
      : h("a", { class: "button", href: `#/address/${trace.chain}/${enc(e.entity)}` }, "Open address")));
  detail.focus();
  try {
    const [from, to] = trace.direction === "forward" ? [trace.start, e.entity] : [e.entity, trace.start];
    const answer = await findPaths(trace.chain, from, to, Math.max(1, Math.min(10, e.hops + 1)));
    highlight(canvas, answer.paths.flat().flatMap(p => [`tx:${p.txid}`, p.address ?? ""]));
    detail.append(h("p", {}, `${answer.paths.length} ${answer.paths.length === 1 ? "path leads" : "paths lead"} there; highlighted on the graph.`));
  } catch (error) {
    detail.append(errorBox(error));
  }
}

const graphs = new WeakMap<HTMLElement, cytoscape.Core>();

function highlight(canvas: HTMLElement, ids: string[]): void {
  const cy = graphs.get(canvas);
  if (!cy) return;
  cy.elements().removeClass("path");
  const set = new Set(ids);
  cy.nodes().forEach(n => { if (set.has(n.id())) n.addClass("path"); });
  cy.edges().forEach(x => { if (set.has(x.source().id()) && set.has(x.target().id())) x.addClass("path"); });
}

/** Transactions and addresses as nodes, one edge per hop, as in the GraphML export. */
function drawTrace(canvas: HTMLElement, trace: Trace): void {
  const elements: cytoscape.ElementDefinition[] = [];
  const nodes = new Set<string>();
  const categories = new Map(trace.endpoints.map(e => [e.entity, e.category ?? e.kind]));
  const node = (id: string, classes: string, label: string, category?: string) => {
    if (nodes.has(id)) return;
    nodes.add(id);
    elements.push({ group: "nodes", classes, data: { id, label, colour: colourOf(category) } });
  };
  for (const e of trace.edges.slice(0, 400)) {
    const tx = `tx:${e.txid}`;
    const address = e.address ?? `output:${e.outpoint}`;
    node(tx, "tx", "");
    node(address, e.stop ? "stop" : "", short(address, 5) + (categories.get(address) ? `\n${categories.get(address)}` : ""), categories.get(address) ?? undefined);
    const [source, target] = trace.direction === "forward" ? [tx, address] : [address, tx];
    elements.push({ group: "edges", data: { id: `${source}->${target}:${e.hop}`, source, target, amount: e.amount, label: amountText(trace.chain, e.amount), width: 2 } });
  }
  const cy = cytoscape({ container: canvas, elements, style: graphStyle, maxZoom: 1.4, layout: { name: "breadthfirst", directed: true, spacingFactor: 1.1, animate: false } as cytoscape.LayoutOptions });
  graphs.set(canvas, cy);
}
