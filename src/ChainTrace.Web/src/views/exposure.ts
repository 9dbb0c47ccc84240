import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { h, table } from "../dom";
import { amount } from "../format";
import type { Exposure } from "../types";

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const series = [
  { direction: "incoming", type: "direct", name: "incoming, direct", colour: "#1f5fbf" },
  { direction: "incoming", type: "indirect", name: "incoming, indirect", colour: "#7aa7e6" },
  { direction: "outgoing", type: "direct", name: "outgoing, direct", colour: "#b45309" },
  { direction: "outgoing", type: "indirect", name: "outgoing, indirect", colour: "#f0a868" },
];

/** Exposure by category as a bar chart of shares (%), with the same numbers as a table for screen readers and print. */
export function exposureChart(chain: string, exposures: Exposure[]): HTMLElement {
  const categories = [...new Set(exposures.map(e => e.category))].sort();
  const wrap = h("div", { class: "exposure" });
  if (exposures.length === 0) {
    wrap.append(h("p", { class: "empty" }, "No exposure to labelled categories."));
    return wrap;
  }
  const chart = h("div", { class: "chart", role: "img", "aria-label": `Exposure by category: ${exposures.map(e => `${e.category} ${e.direction} ${e.type} ${(e.share * 100).toFixed(1)}%`).join("; ")}` });
  wrap.append(chart);
  requestAnimationFrame(() => {
    const instance = echarts.init(chart, undefined, { renderer: "canvas" });
    instance.setOption({
      animation: false,
      tooltip: { trigger: "axis", valueFormatter: (v: unknown) => `${Number(v).toFixed(2)} %` },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 40, bottom: 40 },
      xAxis: { type: "category", data: categories },
      yAxis: { type: "value", name: "share %", max: 100 },
      series: series.map(s => ({
        name: s.name, type: "bar", itemStyle: { color: s.colour },
        data: categories.map(c => (exposures.find(e => e.category === c && e.direction === s.direction && e.type === s.type)?.share ?? 0) * 100),
      })),
    });
  });
  wrap.append(table("Exposure by category", ["Category", "Direction", "Type", "Share", "Amount"],
    exposures.map(e => [e.category, e.direction, e.type, `${(e.share * 100).toFixed(2)} %`, amount(chain, e.amount)])));
  return wrap;
}
