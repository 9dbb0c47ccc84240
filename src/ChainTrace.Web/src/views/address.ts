import { enc, get } from "../api";
import { errorBox, h, table } from "../dom";
import { amount, colourOf, time } from "../format";
import type { AddressLabels, AddressSummary, Cluster, Page, Risk } from "../types";
import { exposureChart } from "./exposure";
import { pinControl } from "./pin";

async function settle<T>(promise: Promise<T>): Promise<T | Error> {
  try {
    return await promise;
  } catch (error) {
    return error as Error;
  }
}

function section(title: string, ...children: (Node | string)[]): HTMLElement {
  const id = `s-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return h("section", { class: "card", "aria-labelledby": id }, h("h2", { id }, title), ...children);
}

function levelBadge(level: string): HTMLElement {
  return h("span", { class: `badge level-${level}` }, level);
}

export async function renderAddress(view: HTMLElement, chain: string, address: string): Promise<void> {
  const base = `/v1/addresses/${enc(chain)}/${enc(address)}`;
  const [summary, labels, risk] = await Promise.all([
    settle(get<AddressSummary>(base)), settle(get<AddressLabels>(`${base}/labels`)), settle(get<Risk>(`${base}/risk`)),
  ]);
  if (labels instanceof Error) throw labels;
  view.append(h("h1", {}, "Address ", h("code", { class: "subject" }, labels.address)),
    h("p", { class: "actions" },
      h("a", { class: "button", href: `#/graph/${chain}/${enc(labels.address)}` }, "Open in graph"),
      h("a", { class: "button", href: `#/trace?chain=${chain}&start=${enc(labels.address)}` }, "Trace from here"),
      h("a", { class: "button", href: `#/alerts?chain=${chain}&subject=${enc(labels.address)}` }, "Watch"),
      labels.cluster !== null ? h("a", { class: "button", href: `#/cluster/${chain}/${labels.cluster}` }, `Cluster ${labels.cluster}`) : null));

  view.append(section("Summary", summary instanceof Error ? errorBox(summary) : summaryList(summary)));
  view.append(section("Labels", labelList(labels)));
  view.append(section("Risk", risk instanceof Error ? errorBox(risk) : riskBlock(chain, risk)));
  view.append(section("Pin", await pinControl("address", chain, labels.address)));
}

function summaryList(s: AddressSummary): HTMLElement {
  return h("dl", { class: "facts" },
    h("dt", {}, "Chain"), h("dd", {}, s.chain),
    h("dt", {}, "First seen"), h("dd", {}, `block ${s.firstSeen.height}, `, time(s.firstSeen.time)),
    h("dt", {}, "Last seen"), h("dd", {}, `block ${s.lastSeen.height}, `, time(s.lastSeen.time)),
    h("dt", {}, "Transactions"), h("dd", {}, s.txCount.toLocaleString("en-US")),
    ...s.totals.flatMap(t => [
      h("dt", {}, `Received (${t.asset})`), h("dd", {}, amount(s.chain, t.received, t.asset)),
      h("dt", {}, `Sent (${t.asset})`), h("dd", {}, amount(s.chain, t.sent, t.asset)),
      h("dt", {}, `Balance (${t.asset})`), h("dd", {}, amount(s.chain, t.balance, t.asset)),
    ]));
}

function labelList(l: AddressLabels): HTMLElement {
  const wrap = h("div", {});
  if (l.conflicting) wrap.append(h("p", { class: "warn" }, `Sources disagree: ${l.categories.join(", ")}`));
  wrap.append(table("Labels", ["Category", "Label", "Via", "Source", "Confidence"], l.labels.map(x => [
    h("span", { class: "chip", style: `border-color:${colourOf(x.category)}` }, x.category),
    x.actor?.name ? `${x.label} (${x.actor.name})` : x.label,
    x.via,
    h("span", { title: `${x.pack}, line ${x.line}` }, x.source),
    `${x.confidence.id} (${x.confidence.level})`,
  ]), "no label names this address or its cluster"));
  return wrap;
}

function riskBlock(chain: string, r: Risk): HTMLElement {
  return h("div", { class: "risk" },
    r.note ? h("p", { class: "muted" }, r.note) : null,
    h("p", { class: "score" }, h("strong", {}, `Score ${r.score}`), " / 100 · level ", levelBadge(r.level), " · decision ", h("strong", { class: `decision-${r.decision}` }, r.decision)),
    r.decisionReasons.length ? h("ul", {}, ...r.decisionReasons.map(x => h("li", {}, x))) : null,
    table("Reasons", ["Reason", "Category", "Points", "Detail"], r.reasons.map(x => [x.code, x.category ?? "—", String(x.points), x.detail])),
    r.model
      ? table(`Model ${r.model.version ?? ""}: probability ${(r.model.probability * 100).toFixed(1)} %, top features`, ["Feature", "Value", "Contribution"],
        r.model.topFeatures.map(f => [f.feature, f.value.toFixed(3), f.contribution.toFixed(3)]))
      : h("p", { class: "muted" }, "No model score (no trained model)."),
    h("h3", {}, "Exposure by category"),
    exposureChart(chain, r.exposures),
    h("p", { class: "muted" }, r.dataHeight !== null ? `Computed at data height ${r.dataHeight}` : ""));
}

export async function renderCluster(view: HTMLElement, chain: string, id: string): Promise<void> {
  const [cluster, members] = await Promise.all([
    get<Cluster>(`/v1/clusters/${enc(chain)}/${enc(id)}`),
    get<Page<string>>(`/v1/clusters/${enc(chain)}/${enc(id)}/addresses?limit=100`),
  ]);
  view.append(h("h1", {}, `Cluster ${cluster.id} (${chain})`),
    cluster.absorbedInto ? h("p", { class: "warn" }, `Cluster ${cluster.requestedId} was merged into ${cluster.absorbedInto}.`) : "",
    h("p", { class: "actions" },
      h("a", { class: "button", href: `#/trace?chain=${chain}&start=cluster:${cluster.id}` }, "Trace from this cluster"),
      h("a", { class: "button", href: `#/alerts?chain=${chain}&subject=cluster:${cluster.id}` }, "Watch")));
  view.append(section("Summary", h("dl", { class: "facts" },
    h("dt", {}, "Addresses"), h("dd", {}, cluster.size.toLocaleString("en-US")),
    h("dt", {}, "Received"), h("dd", {}, amount(chain, cluster.received)),
    h("dt", {}, "Sent"), h("dd", {}, amount(chain, cluster.sent)),
    h("dt", {}, "Transactions"), h("dd", {}, cluster.txCount.toLocaleString("en-US")),
    h("dt", {}, "First activity"), h("dd", {}, time(cluster.firstSeen?.time)),
    h("dt", {}, "Last activity"), h("dd", {}, time(cluster.lastSeen?.time)),
    h("dt", {}, "Evidence"), h("dd", {}, Object.entries(cluster.evidence).map(([k, v]) => `${k}: ${v}`).join(", ") || "none"),
    h("dt", {}, "Data height"), h("dd", {}, String(cluster.dataHeight)))));
  view.append(section("Addresses", h("ul", { class: "members" }, ...members.items.map(a => h("li", {}, h("a", { href: `#/address/${chain}/${enc(a)}` }, a)))),
    members.nextCursor ? h("p", { class: "muted" }, `First ${members.items.length} of ${cluster.size.toLocaleString("en-US")} shown.`) : ""));
  view.append(section("Pin", await pinControl("cluster", chain, String(cluster.id))));
}

interface TxLike { chain: string; block: { height: number; time: string }; fee: string | null;
  inputs?: { index: number; address: string | null; value: string | null }[]; outputs?: { index: number; address: string | null; value: string }[];
  transfers?: { kind: string; asset: string; from: string; to: string; value: string }[] }

export async function renderTx(view: HTMLElement, chain: string, id: string): Promise<void> {
  const tx = await get<TxLike>(`/v1/transactions/${enc(chain)}/${enc(id)}`);
  const link = (a: string | null) => (a ? h("a", { href: `#/address/${chain}/${enc(a)}` }, a) : "—");
  view.append(h("h1", {}, "Transaction ", h("code", { class: "subject" }, id)),
    h("p", {}, `block ${tx.block.height}, `, time(tx.block.time), tx.fee !== null ? ", fee " : "", tx.fee !== null ? amount(chain, tx.fee) : ""));
  if (tx.inputs) view.append(section("Inputs", table("Inputs", ["#", "Address", "Value"], tx.inputs.map(i => [String(i.index), link(i.address), amount(chain, i.value)]))));
  if (tx.outputs) view.append(section("Outputs", table("Outputs", ["#", "Address", "Value"], tx.outputs.map(o => [String(o.index), link(o.address), amount(chain, o.value)]))));
  if (tx.transfers) view.append(section("Transfers", table("Transfers", ["Kind", "From", "To", "Value"], tx.transfers.map(t => [t.kind, link(t.from), link(t.to), amount(chain, t.value, t.asset)]))));
}
