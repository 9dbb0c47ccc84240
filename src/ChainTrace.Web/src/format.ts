import { h } from "./dom";

// Money arrives as strings of base units; shown in whole coins with the base units on hover (never floating point).
const units: Record<string, { decimals: number; unit: string; base: string }> = {
  btc: { decimals: 8, unit: "BTC", base: "sat" },
  eth: { decimals: 18, unit: "ETH", base: "wei" },
};

export function unitOf(chain: string, asset?: string): { decimals: number; unit: string; base: string } {
  if (asset && asset.startsWith("0x")) return { decimals: 0, unit: `token ${asset.slice(0, 8)}…`, base: "base units" };
  return units[chain] ?? units.btc;
}

export function coins(baseUnits: string, decimals: number, maxFraction = 8): string {
  let value: bigint;
  try {
    value = BigInt(baseUnits);
  } catch {
    return baseUnits;
  }
  const negative = value < 0n;
  if (negative) value = -value;
  const scale = 10n ** BigInt(decimals);
  const whole = (value / scale).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  let fraction = decimals > 0 ? (value % scale).toString().padStart(decimals, "0").slice(0, maxFraction).replace(/0+$/, "") : "";
  if (fraction === "" && value % scale !== 0n) fraction = "0".repeat(Math.min(maxFraction, decimals) - 1) + "1…";
  return `${negative ? "-" : ""}${whole}${fraction ? "." + fraction : ""}`;
}

export function amountText(chain: string, baseUnits: string, asset?: string): string {
  const u = unitOf(chain, asset);
  return `${coins(baseUnits, u.decimals)} ${u.unit}`;
}

export function amount(chain: string, baseUnits: string | null | undefined, asset?: string): HTMLElement {
  if (baseUnits === null || baseUnits === undefined) return h("span", { class: "muted" }, "unknown");
  const u = unitOf(chain, asset);
  return h("span", { class: "amount", title: `${BigInt(baseUnits).toLocaleString("en-US")} ${u.base}`, "data-base-units": baseUnits }, amountText(chain, baseUnits, asset));
}

export function utc(iso: string): string {
  return new Date(iso).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC").replace(/Z$/, " UTC");
}

export function time(iso: string | null | undefined): HTMLElement {
  if (!iso) return h("span", { class: "muted" }, "—");
  return h("time", { datetime: iso, title: `local: ${new Date(iso).toLocaleString()}` }, utc(iso));
}

export function short(text: string, keep = 8): string {
  return text.length <= keep * 2 + 1 ? text : `${text.slice(0, keep)}…${text.slice(-keep)}`;
}

export const categoryColours: Record<string, string> = {
  exchange: "#1f5fbf",
  ransomware: "#b3261e",
  sanction: "#000000",
  mixing_service: "#6a1b9a",
  market: "#b45309",
  scam: "#8e0000",
  hacking: "#c2185b",
  service_hack: "#c2185b",
  gambling: "#2e7d32",
  miner: "#5d4037",
  defi: "#00796b",
  bridge: "#00695c",
  wallet_service: "#37474f",
  payment_processor: "#455a64",
};

export function colourOf(category: string | undefined): string {
  return (category && categoryColours[category]) || "#5f6b7a";
}
