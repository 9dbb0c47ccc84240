import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { enc, get } from "../api";
import { clear, errorBox, field, h, table } from "../dom";
import { amount, coins, colourOf, unitOf } from "../format";
import type { Trends } from "../types";

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const Sources = ["flagged", "any", "ransomware", "mixing_service", "market", "scam", "service_hack", "sanction", "exchange", "gambling"];

/** Value reaching each category per day or week, as a stacked bar chart and the same numbers as a table. */
export async function renderTrends(view: HTMLElement, params: URLSearchParams): Promise<void> {
  view.append(h("h1", {}, "Trends: value reaching each category"));
  const chain = h("select", { name: "chain" }, ...[["btc", "Bitcoin (BTC)"], ["eth", "Ethereum (native ETH)"]].map(([c, text]) =>
    h("option", { value: c, selected: (params.get("chain") ?? "btc") === c }, text)));
  const bucket = h("select", { name: "bucket" }, ...["day", "week"].map(b => h("option", { value: b, selected: params.get("bucket") === b }, b)));
  const source = h("select", { name: "source" }, ...Sources.map(s => h("option", { value: s, selected: (params.get("source") ?? "flagged") === s },
    s === "flagged" ? "flagged sources (severity high or severe)" : s === "any" ? "any source" : s)));
  const from = h("input", { type: "date", name: "from", value: params.get("from") ?? "" });
  const to = h("input", { type: "date", name: "to", value: params.get("to") ?? "" });
  const form = h("form", { class: "card" }, h("div", { class: "row" }, field("Chain", chain), field("Bucket", bucket), field("From sources", source), field("From (UTC)", from), field("To (UTC)", to)),
    h("button", { type: "submit" }, "Show trends"));
  const result = h("div", { "aria-live": "polite" });
  form.addEventListener("submit", e => {
    e.preventDefault();
    const query = new URLSearchParams({ chain: chain.value, bucket: bucket.value, source: source.value });
    if (from.value) query.set("from", from.value);
    if (to.value) query.set("to", to.value);
    location.hash = `#/trends?${query}`;
  });
  view.append(form, result);
  const query = `chain=${enc(chain.value)}&bucket=${enc(bucket.value)}&source=${enc(source.value)}${from.value ? `&from=${enc(from.value)}` : ""}${to.value ? `&to=${enc(to.value)}` : ""}`;
  try {
    draw(result, await get<Trends>(`/v1/trends?${query}`));
  } catch (error) {
    clear(result);
    result.append(errorBox(error));
  }
}

function draw(result: HTMLElement, trends: Trends): void {
  clear(result);
  const u = unitOf(trends.chain);
  const what = trends.chain === "eth" ? "Native ETH" : "BTC";
  const title = `${what} paid directly into each category per ${trends.bucket} from ${trends.source === "any" ? "any source" : trends.source === "flagged" ? "flagged sources" : trends.source}, ${trends.from} to ${trends.to} (UTC)`;
  result.append(h("section", { class: "card", "aria-labelledby": "trends-title" },
    h("h2", { id: "trends-title" }, title),
    h("p", { class: "hint" }, trends.definition, ` Data height ${trends.dataHeight}.`)));
  const section = result.querySelector("section")!;
  if (trends.categories.length === 0) {
    section.append(h("p", { class: "empty" }, "Nothing reached a labelled category in this range."));
    return;
  }
  const labels = trends.buckets.map(b => b.start);
  const chart = h("div", { class: "chart trends-chart", role: "img",
    "aria-label": `${title}: ${trends.categories.map(c => `${c} ${coins(trends.totals[c], trends.decimals)} ${u.unit} in all`).join("; ")}; the table below lists every bucket` });
  section.append(chart);
  requestAnimationFrame(() => {
    echarts.init(chart, undefined, { renderer: "canvas" }).setOption({
      animation: false,
      tooltip: { trigger: "axis", valueFormatter: (v: unknown) => `${Number(v).toFixed(Math.min(trends.decimals, 8))} ${u.unit}` },
      legend: { top: 0, type: "scroll" },
      grid: { left: 64, right: 16, top: 40, bottom: 48 },
      xAxis: { type: "category", data: labels },
      yAxis: { type: "value", name: u.unit },
      series: trends.categories.map(c => ({
        name: c, type: "bar", stack: "total", itemStyle: { color: colourOf(c) },
        // Chart heights only: the exact base units are in the table and on hover there.
        data: trends.buckets.map(b => Number(BigInt(b.values[c] ?? "0")) / 10 ** trends.decimals),
      })),
    });
  });
  section.append(table(`Value reaching each category per ${trends.bucket}`, [trends.bucket === "week" ? "Week from" : "Day", ...trends.categories],
    trends.buckets.filter(b => Object.keys(b.values).length > 0).map(b => [b.start, ...trends.categories.map(c => b.values[c] ? amount(trends.chain, b.values[c]) : "—")])),
    table("Totals in the range", ["Category", "Total"], trends.categories.map(c => [c, amount(trends.chain, trends.totals[c])])));
}
