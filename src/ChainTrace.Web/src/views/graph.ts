import cytoscape from "cytoscape";
import { enc, get } from "../api";
import { announce, clear, errorBox, field, h } from "../dom";
import { amountText, categoryColours, colourOf, short } from "../format";
import type { AddressLabels, AddressSummary, Neighbour, Neighbours } from "../types";
import { graphStyle } from "./graphStyle";
import { drawPaths } from "./paths";

/** Neighbours drawn per expansion (the largest by value); the rest are folded into one "+N more" node. */
const Drawn = 10;

interface NodeInfo { category?: string; cluster: number | null; first?: string; last?: string }

interface GraphState {
  chain: string;
  start: string;
  cy: cytoscape.Core;
  info: Map<string, NodeInfo>;
  rest: Map<string, { from: string; direction: string; items: Neighbour[]; more: boolean }>;
  collapsed: Map<string, cytoscape.CollectionReturnValue>;
}

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
  const timeFrom = h("input", { type: "date", name: "from" });
  const timeTo = h("input", { type: "date", name: "to" });
  const filter = h("form", { class: "row filter" }, field("Active from (UTC)", timeFrom), field("to", timeTo),
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
  await Promise.all(fresh.map(async a => {
    const [labels, summary] = await Promise.all([
      get<AddressLabels>(`/v1/addresses/${s.chain}/${enc(a)}/labels`).catch(() => null),
      get<AddressSummary>(`/v1/addresses/${s.chain}/${enc(a)}`).catch(() => null),
    ]);
    s.info.set(a, { category: labels?.categories[0], cluster: labels?.cluster ?? null, first: summary?.firstSeen.time, last: summary?.lastSeen.time });
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

function edge(s: GraphState, from: string, to: string, value: string, extra = ""): void {
  const id = `${from}->${to}${extra}`;
  const existing = s.cy.getElementById(id);
  if (existing.nonempty()) return;
  const digits = value.replace(/^0+/, "").length;
  s.cy.add({ group: "edges", data: { id, source: from, target: to, amount: value, label: amountText(s.chain, value), width: Math.min(8, 1 + digits / 3) } });
}

async function expand(s: GraphState, address: string, direction: "in" | "out"): Promise<number> {
  const began = performance.now();
  const page = await get<Neighbours>(`/v1/addresses/${s.chain}/${enc(address)}/neighbours?direction=${direction}&limit=1000`);
  const sorted = [...page.neighbours].sort((a, b) => (BigInt(b.value) > BigInt(a.value) ? 1 : BigInt(b.value) < BigInt(a.value) ? -1 : 0));
  const shown = sorted.slice(0, Drawn);
  await addNodes(s, shown.map(n => n.address));
  for (const n of shown) direction === "out" ? edge(s, address, n.address, n.value) : edge(s, n.address, address, n.value);
  fold(s, address, direction, sorted.slice(Drawn), page.next !== null);
  layout(s);
  const ms = Math.round(performance.now() - began);
  document.body.dataset.lastExpandMs = String(ms);
  announce(`Expanded ${direction === "out" ? "outgoing" : "incoming"}: ${shown.length} drawn, ${sorted.length - shown.length} folded, in ${ms} ms`);
  return shown.length;
}

/** The neighbours not drawn become one node "+N more" carrying their count and total value. */
function fold(s: GraphState, address: string, direction: string, rest: Neighbour[], more: boolean): void {
  const id = `more:${direction}:${address}`;
  s.cy.getElementById(id).remove();
  if (rest.length === 0 && !more) {
    s.rest.delete(id);
    return;
  }
  s.rest.set(id, { from: address, direction, items: rest, more });
  const total = rest.reduce((sum, n) => sum + BigInt(n.value), 0n).toString();
  s.cy.add({ group: "nodes", classes: "more", data: { id, label: `+${rest.length.toLocaleString("en-US")}${more ? "+" : ""} more`, colour: "#ffffff" } });
  direction === "out" ? edge(s, address, id, total) : edge(s, id, address, total);
}

function layout(s: GraphState): void {
  s.cy.layout({ name: "breadthfirst", roots: [s.start], directed: false, spacingFactor: 1.15, animate: false, padding: 20 } as cytoscape.LayoutOptions).run();
}

function applyTimeFilter(s: GraphState, from: string, to: string): void {
  const lo = from ? Date.parse(from) : -Infinity;
  const hi = to ? Date.parse(to) + 86_400_000 : Infinity;
  let hidden = 0;
  s.cy.nodes().forEach(node => {
    const info = s.info.get(node.id());
    const active = !info?.first || (Date.parse(info.first) < hi && Date.parse(info.last ?? info.first) >= lo);
    node.toggleClass("dim", !active);
    if (!active) hidden += 1;
  });
  announce(`${hidden} addresses outside the time range are dimmed`);
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
    panel.append(h("p", {}, `${folded.items.length}${folded.more ? "+" : ""} neighbours not drawn.`),
      h("button", { type: "button", onclick: run(async () => {
        const next = folded.items.splice(0, Drawn);
        await addNodes(s, next.map(n => n.address));
        for (const n of next) folded.direction === "out" ? edge(s, folded.from, n.address, n.value) : edge(s, n.address, folded.from, n.value);
        fold(s, folded.from, folded.direction, folded.items, folded.more);
        layout(s);
      }) }, `Draw ${Drawn} more`));
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
      h("td", {}, n.data("note") ?? ""),
      h("td", {}, `${into} in, ${out} out`));
  });
  list.append(h("h2", {}, `Nodes (${rows.length})`), h("table", {}, h("caption", {}, "Nodes in the graph"),
    h("thead", {}, h("tr", {}, ...["Address", "Category", "Cluster", "Note", "Edges"].map(c => h("th", { scope: "col" }, c)))), h("tbody", {}, ...rows)));
}
