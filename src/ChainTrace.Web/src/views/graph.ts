import cytoscape from "cytoscape";
import { enc, get } from "../api";
import { announce, clear, errorBox, field, h } from "../dom";
import { amountText, categoryColours, colourOf, short } from "../format";
import type { AddressLabels, Neighbour, Neighbours } from "../types";
import { graphStyle } from "./graphStyle";
import { drawPaths } from "./paths";

/** Neighbours drawn per expansion (the largest by value); the rest are folded into one "+N more" node. */
const Drawn = 10;

interface NodeInfo { category?: string; cluster: number | null }

interface GraphState {
  chain: string;
  start: string;
  cy: cytoscape.Core;
  info: Map<string, NodeInfo>;
  rest: Map<string, Folded>;
  collapsed: Map<string, cytoscape.CollectionReturnValue>;
}

/** The neighbours of one expansion not drawn: those of the page read, and how many the API says there are in all. */
interface Folded { from: string; direction: "in" | "out"; items: Neighbour[]; next: string | null; total: number | null; drawn: Set<string> }

let state: GraphState | null = null;

export async function renderGraph(view: HTMLElement, chain?: string, start?: string): Promise<void> {
  view.append(h("h1", {}, "Money-flow graph"));
  if (!chain || !start) {
    const input = h("input", { type: "text", name: "start", required: true, spellcheck: "false" });
    const select = h("select", { name: "chain" }, h("option", { value: "btc" }, "btc"), h("option", { value: "eth" }, "eth"));
    const form = h("form", { class: "card" }, h("div", { class: "row" }, field("Start address", input), field("Chain", select)), h("button", { type: "submit" }, "Draw"));
    form.addEventListener("submit", e => {
      e.preventDefault();
      location.hash = `#/graph/${select.value}/${enc(input.value.trim())}`;
    });
    view.append(form);
    return;
  }
  const canvas = h("div", { class: "graph", role: "img", "aria-label": `Money-flow graph around ${start}; the table below lists every node` });
  const panel = h("aside", { class: "card panel", "aria-labelledby": "panel-title" });
  const list = h("div", { class: "card nodes" });
  const timeFrom = h("input", { type: "datetime-local", name: "from" });
  const timeTo = h("input", { type: "datetime-local", name: "to" });
  const filter = h("form", { class: "row filter" }, field("Edges active from (UTC)", timeFrom), field("until (UTC)", timeTo),
    h("button", { type: "submit" }, "Apply time filter"));
  const legend = h("p", { class: "legend" }, ...Object.entries(categoryColours).slice(0, 8).map(([c, colour]) => h("span", { class: "chip", style: `border-color:${colour}` }, c)));
  view.append(filter, h("div", { class: "graph-layout" }, canvas, panel), legend, list);

  const cy = cytoscape({ container: canvas, style: graphStyle, minZoom: 0.2, maxZoom: 1.4, wheelSensitivity: 0.3 });
  state = { chain, start, cy, info: new Map(), rest: new Map(), collapsed: new Map() };
  const s = state;
  await addNodes(s, [start]);
  cy.getElementById(start).addClass("start");
  layout(s);
  cy.on("tap", "node", e => select(s, panel, list, e.target.id()));
  filter.addEventListener("submit", e => {
    e.preventDefault();
    applyTimeFilter(s, timeFrom.value, timeTo.value);
  });
  select(s, panel, list, start);
}

async function addNodes(s: GraphState, addresses: string[]): Promise<void> {
  const fresh = addresses.filter(a => !s.info.has(a));
  // One call per new address, all at once: the labels answer carries both the category and the cluster.
  await Promise.all(fresh.map(async a => {
    const labels = await get<AddressLabels>(`/v1/addresses/${s.chain}/${enc(a)}/labels`).catch(() => null);
    s.info.set(a, { category: labels?.categories[0], cluster: labels?.cluster ?? null });
  }));
  for (const a of fresh) {
    const info = s.info.get(a)!;
    s.cy.add({ group: "nodes", data: { id: a, label: short(a, 6) + (info.category ? `\n${info.category}` : ""), colour: colourOf(info.category), category: info.category ?? "" } });
  }
  groupClusters(s);
}

/** Addresses of one cluster drawn together sit in one compound node. */
function groupClusters(s: GraphState): void {
  const byCluster = new Map<number, string[]>();
  for (const [address, info] of s.info) {
    if (info.cluster !== null && s.cy.getElementById(address).nonempty()) byCluster.set(info.cluster, [...(byCluster.get(info.cluster) ?? []), address]);
  }
  for (const [cluster, members] of byCluster) {
    if (members.length < 2) continue;
    const parent = `cl:${cluster}`;
    if (s.cy.getElementById(parent).empty()) s.cy.add({ group: "nodes", data: { id: parent, label: `cluster ${cluster}`, colour: "#eef2f7" } });
    for (const m of members) s.cy.getElementById(m).move({ parent });
  }
}

function edge(s: GraphState, from: string, to: string, value: string, extra = "", times?: Neighbour): void {
  const id = `${from}->${to}${extra}`;
  const existing = s.cy.getElementById(id);
  if (existing.nonempty()) return;
  const digits = value.replace(/^0+/, "").length;
  s.cy.add({ group: "edges", data: { id, source: from, target: to, amount: value, label: amountText(s.chain, value), width: Math.min(8, 1 + digits / 3),
    first: times?.firstTime ?? "", last: times?.lastTime ?? "" } });
}

function drawNeighbours(s: GraphState, address: string, direction: "in" | "out", neighbours: Neighbour[]): void {
  for (const n of neighbours) direction === "out" ? edge(s, address, n.address, n.value, "", n) : edge(s, n.address, address, n.value, "", n);
}

const byValue = (a: Neighbour, b: Neighbour): number => (BigInt(b.value) > BigInt(a.value) ? 1 : BigInt(b.value) < BigInt(a.value) ? -1 : 0);

/** A neighbour met again on a later page is one neighbour: values and counts summed, the time span widened. */
function merge(into: Map<string, Neighbour>, page: Neighbour[]): void {
  for (const n of page) {
    const have = into.get(n.address);
    if (!have) {
      into.set(n.address, { ...n });
      continue;
    }
    have.value = (BigInt(have.value) + BigInt(n.value)).toString();
    have.txCount += n.txCount;
  }
}

async function expand(s: GraphState, address: string, direction: "in" | "out"): Promise<number> {
  const began = performance.now();
  const page = await get<Neighbours>(`/v1/addresses/${s.chain}/${enc(address)}/neighbours?direction=${direction}&limit=1000`);
  const read = performance.now();
  const merged = new Map<string, Neighbour>();
  merge(merged, page.neighbours);
  const sorted = [...merged.values()].sort(byValue);
  const shown = sorted.slice(0, Drawn);
  await addNodes(s, shown.map(n => n.address));
  const labelled = performance.now();
  s.cy.batch(() => drawNeighbours(s, address, direction, shown));
  fold(s, { from: address, direction, items: sorted.slice(Drawn), next: page.next, total: page.total, drawn: new Set(shown.map(n => n.address)) });
  layout(s, address, [...shown.map(n => n.address), `more:${direction}:${address}`]);
  const done = performance.now();
  const ms = Math.round(done - began);
  document.body.dataset.lastExpandMs = String(ms);
  // Where an expansion's time goes, for the browser test's TIMING line.
  document.body.dataset.lastExpandParts = `neighbours=${Math.round(read - began)} labels=${Math.round(labelled - read)} draw=${Math.round(done - labelled)}`;
  announce(`Expanded ${direction === "out" ? "outgoing" : "incoming"}: ${shown.length} drawn, ${notDrawn(s.rest.get(`more:${direction}:${address}`))} not drawn, in ${ms} ms`);
  return shown.length;
}

/** How many neighbours are not drawn: from the API's total when it gives one, else what the pages read hold ("+" when more pages exist). */
function notDrawn(f: Folded | undefined): string {
  if (!f) return "0";
  if (f.total !== null) return Math.max(0, f.total - f.drawn.size).toLocaleString("en-US");
  return `${f.items.length.toLocaleString("en-US")}${f.next ? "+" : ""}`;
}

/** The neighbours not drawn become one node "+N more" carrying their count and the value of those read. */
function fold(s: GraphState, f: Folded): void {
  const id = `more:${f.direction}:${f.from}`;
  s.cy.getElementById(id).remove();
  if (f.items.length === 0 && !f.next) {
    s.rest.delete(id);
    return;
  }
  s.rest.set(id, f);
  const total = f.items.reduce((sum, n) => sum + BigInt(n.value), 0n).toString();
  s.cy.add({ group: "nodes", classes: "more", data: { id, label: `+${notDrawn(f)} more`, colour: "#ffffff" } });
  f.direction === "out" ? edge(s, f.from, id, total) : edge(s, id, f.from, total);
}

/** Draws the next ten of a folded group, reading the next page of neighbours when the pages read are used up. */
async function drawMore(s: GraphState, f: Folded): Promise<void> {
  if (f.items.length < Drawn && f.next) {
    const page = await get<Neighbours>(`/v1/addresses/${s.chain}/${enc(f.from)}/neighbours?direction=${f.direction}&limit=1000&cursor=${enc(f.next)}`);
    const merged = new Map<string, Neighbour>(f.items.map(n => [n.address, n]));
    merge(merged, page.neighbours.filter(n => !f.drawn.has(n.address)));
    f.items = [...merged.values()].sort(byValue);
    f.next = page.next;
  }
  const next = f.items.splice(0, Drawn);
  await addNodes(s, next.map(n => n.address));
  for (const n of next) f.drawn.add(n.address);
  s.cy.batch(() => drawNeighbours(s, f.from, f.direction, next));
  fold(s, f);
  layout(s);
}

/**
 * The whole graph is laid out on the first expansions; after that only the nodes just added are placed, in a ring
 * around the node they hang from, so an expansion costs its new nodes, not the whole graph.
 */
function layout(s: GraphState, anchor?: string, fresh?: string[]): void {
  const nodes = s.cy.nodes().filter(n => !n.isParent());
  let added = s.cy.collection();
  for (const id of fresh ?? []) added = added.union(s.cy.getElementById(id));
  if (!anchor || added.empty() || nodes.length < 40) {
    s.cy.layout({ name: "breadthfirst", roots: [s.start], directed: false, spacingFactor: 1.15, animate: false, padding: 20 } as cytoscape.LayoutOptions).run();
    return;
  }
  const base = s.cy.getElementById(anchor).position();
  const radius = 90 + added.length * 8;
  added.forEach((n, i) => {
    const angle = (2 * Math.PI * i) / added.length;
    n.position({ x: base.x + radius * Math.cos(angle), y: base.y + radius * Math.sin(angle) });
  });
  s.cy.fit(undefined, 20);
}

/**
 * Hides the edges whose activity (first to last block between the two addresses, from the neighbours API) lies
 * outside the range, and dims the addresses left with no edge in it. Edges without times (folded groups,
 * paths) stay drawn.
 */
function applyTimeFilter(s: GraphState, from: string, to: string): void {
  // The fields hold UTC wall-clock minutes; "until" includes its whole minute.
  const lo = from ? Date.parse(`${from}Z`) : -Infinity;
  const hi = to ? Date.parse(`${to}Z`) + 60_000 : Infinity;
  let hidden = 0;
  s.cy.batch(() => {
    s.cy.edges().forEach(e => {
      const first = e.data("first") as string;
      const outside = first !== "" && !(Date.parse(first) < hi && Date.parse(e.data("last") as string) >= lo);
      e.toggleClass("hidden", outside);
      if (outside) hidden += 1;
    });
    s.cy.nodes().filter(n => !n.isParent()).forEach(n => {
      const edges = n.connectedEdges();
      n.toggleClass("dim", n.id() !== s.start && edges.nonempty() && edges.filter(e => !e.hasClass("hidden")).empty());
    });
  });
  document.body.dataset.hiddenEdges = String(hidden);
  announce(`${hidden} edges outside the time range are hidden`);
}

function select(s: GraphState, panel: HTMLElement, list: HTMLElement, id: string): void {
  s.cy.elements().unselect();
  const node = s.cy.getElementById(id);
  node.select();
  clear(panel);
  const message = h("div", { "aria-live": "polite" });
  const run = (work: () => Promise<unknown>) => async () => {
    clear(message);
    try {
      await work();
      select(s, panel, list, id);
    } catch (error) {
      message.append(errorBox(error));
    }
  };
  const folded = s.rest.get(id);
  const info = s.info.get(id);
  panel.append(h("h2", { id: "panel-title" }, folded ? "Folded neighbours" : "Selected address"));
  if (folded) {
    panel.append(h("p", {}, `${notDrawn(folded)} neighbours not drawn${folded.total !== null ? ` (${folded.total.toLocaleString("en-US")} in all)` : ""}.`),
      h("button", { type: "button", onclick: run(() => drawMore(s, folded)) }, `Draw ${Drawn} more`));
  } else if (info || id.startsWith("cluster:")) {
    const note = h("input", { type: "text", name: "note", value: node.data("note") ?? "" });
    const colour = h("select", { name: "colour" }, ...["", "#b3261e", "#1f5fbf", "#2e7d32", "#b45309", "#6a1b9a"].map(c => h("option", { value: c }, c ? c : "by category")));
    const target = h("input", { type: "text", name: "to", spellcheck: "false" });
    const hops = h("input", { type: "number", name: "hops", min: "1", max: "10", value: "4" });
    panel.append(h("p", {}, h("code", { class: "subject" }, id)),
      info?.category ? h("p", {}, "Category: ", h("span", { class: "chip", style: `border-color:${colourOf(info.category)}` }, info.category)) : "",
      info?.cluster !== null && info?.cluster !== undefined ? h("p", {}, h("a", { href: `#/cluster/${s.chain}/${info.cluster}` }, `Cluster ${info.cluster}`)) : "",
      h("div", { class: "buttons" },
        h("button", { type: "button", onclick: run(() => expand(s, id, "out")) }, "Expand out (where funds went)"),
        h("button", { type: "button", onclick: run(() => expand(s, id, "in")) }, "Expand in (where funds came from)"),
        info?.cluster !== null && info?.cluster !== undefined && node.parent().nonempty() ? h("button", { type: "button", onclick: run(async () => collapse(s, info.cluster!)) }, "Collapse cluster into one node") : "",
        id.startsWith("cluster:") ? h("button", { type: "button", onclick: run(async () => uncollapse(s, id)) }, "Show the cluster's addresses") : "",
        h("a", { class: "button", href: `#/address/${s.chain}/${enc(id)}` }, "Open address")),
      h("form", { class: "annotate", onsubmit: (e: Event) => {
        e.preventDefault();
        node.data("note", note.value);
        node.data("label", short(id, 6) + (note.value ? `\n${note.value}` : info?.category ? `\n${info.category}` : ""));
        node.data("colour", colour.value || colourOf(info?.category));
        node.data("annotated", colour.value !== "");
        renderList(s, panel, list);
      } }, field("Note", note), field("Colour", colour), h("button", { type: "submit" }, "Annotate")),
      h("form", { class: "annotate", onsubmit: (e: Event) => {
        e.preventDefault();
        void run(() => drawPaths(s.cy, s.chain, id, target.value.trim(), Number(hops.value), addr => addNodes(s, addr)).then(() => layout(s)))();
      } }, field("Find connections to", target), field("Within hops", hops), h("button", { type: "submit" }, "Find paths")),
      message);
  }
  renderList(s, panel, list);
}

function collapse(s: GraphState, cluster: number): void {
  const parent = s.cy.getElementById(`cl:${cluster}`);
  const members = parent.children();
  const id = `cluster:${cluster}`;
  const removed = members.union(members.connectedEdges()).union(parent);
  const outside = members.connectedEdges().filter(e => !members.contains(e.source()) || !members.contains(e.target()));
  const sums = new Map<string, { source: string; target: string; value: bigint }>();
  outside.forEach(e => {
    const source = members.contains(e.source()) ? id : e.source().id();
    const target = members.contains(e.target()) ? id : e.target().id();
    const key = `${source}|${target}`;
    const sum = sums.get(key) ?? { source, target, value: 0n };
    sum.value += BigInt(e.data("amount"));
    sums.set(key, sum);
  });
  s.collapsed.set(id, removed.remove());
  s.cy.add({ group: "nodes", classes: "collapsed", data: { id, label: `cluster ${cluster}\n${members.length} addresses`, colour: "#37474f" } });
  for (const sum of sums.values()) edge(s, sum.source, sum.target, sum.value.toString(), ":c");
  layout(s);
}

function uncollapse(s: GraphState, id: string): void {
  s.cy.getElementById(id).remove();
  s.collapsed.get(id)?.restore();
  s.collapsed.delete(id);
  layout(s);
}

/** The keyboard and screen-reader way through the graph: every node as a row with a button to select it. */
function renderList(s: GraphState, panel: HTMLElement, list: HTMLElement): void {
  clear(list);
  const rows = s.cy.nodes().filter(n => !n.isParent()).map(n => {
    const info = s.info.get(n.id());
    const out = s.cy.edges(`[source = "${n.id()}"]`).length;
    const into = s.cy.edges(`[target = "${n.id()}"]`).length;
    return h("tr", {},
      h("td", {}, h("button", { type: "button", class: "link", onclick: () => select(s, panel, list, n.id()) }, n.id().startsWith("more:") ? n.data("label") : n.id())),
      h("td", {}, info?.category ?? (n.id().startsWith("more:") ? "folded" : "—")),
      h("td", {}, info?.cluster !== null && info?.cluster !== undefined ? String(info.cluster) : "—"),
      h("td", {}, n.data("note") ?? "", n.data("annotated") ? h("span", { class: "chip", style: `border-color:${n.data("colour")}`, "data-colour": n.data("colour") }, n.data("colour")) : ""),
      h("td", {}, `${into} in, ${out} out`));
  });
  list.append(h("h2", {}, `Nodes (${rows.length})`), h("table", {}, h("caption", {}, "Nodes in the graph"),
    h("thead", {}, h("tr", {}, ...["Address", "Category", "Cluster", "Note", "Edges"].map(c => h("th", { scope: "col" }, c)))), h("tbody", {}, ...rows)));
}
