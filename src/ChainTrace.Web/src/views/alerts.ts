import { enc, get, post } from "../api";
import { clear, errorBox, field, h, table } from "../dom";
import { amount, time } from "../format";
import type { Alert, Delivery, Watchlist } from "../types";

export async function renderAlerts(view: HTMLElement, params: URLSearchParams): Promise<void> {
  const [alerts, watchlists] = await Promise.all([get<{ items: Alert[]; next: string | null }>("/v1/alerts"), get<Watchlist[]>("/v1/watchlists")]);
  const name = h("input", { type: "text", name: "name", required: true });
  const chain = h("select", { name: "chain" }, h("option", { value: "btc" }, "btc"), h("option", { value: "eth" }, "eth"));
  chain.value = params.get("chain") ?? "btc";
  const subjects = h("textarea", { name: "subjects", rows: "3", required: true, spellcheck: "false" });
  subjects.value = params.get("subject") ?? "";
  const outgoing = h("input", { type: "checkbox", id: "rule-outgoing", checked: true });
  const reaches = h("input", { type: "checkbox", id: "rule-reaches" });
  const score = h("input", { type: "number", name: "score", min: "0", max: "100" });
  const webhook = h("input", { type: "url", name: "webhook" });
  const problem = h("div", { "aria-live": "polite" });
  const form = h("form", { class: "card", "aria-labelledby": "new-watchlist" }, h("h2", { id: "new-watchlist" }, "New watchlist"),
    h("div", { class: "row" }, field("Name", name), field("Chain", chain)),
    field("Addresses or cluster:ID, one per line", subjects),
    h("fieldset", {}, h("legend", {}, "Rules"),
      h("span", { class: "check" }, outgoing, h("label", { for: outgoing.id }, "funds move out")),
      h("span", { class: "check" }, reaches, h("label", { for: reaches.id }, "funds reach an exchange within 3 hops"))),
    h("div", { class: "row" }, field("Alert when score above (optional)", score), field("Webhook URL (optional)", webhook)),
    problem, h("button", { type: "submit" }, "Create watchlist"));
  form.addEventListener("submit", async e => {
    e.preventDefault();
    clear(problem);
    const rules: unknown[] = [];
    if (outgoing.checked) rules.push({ kind: "outgoing" });
    if (reaches.checked) rules.push({ kind: "reaches", category: "exchange", hops: 3 });
    if (score.value) rules.push({ kind: "score-above", value: Number(score.value) });
    try {
      await post("/v1/watchlists", {
        name: name.value, chain: chain.value, subjects: subjects.value.split(/\s+/).filter(Boolean), rules,
        webhook: webhook.value ? { url: webhook.value } : null,
      });
      clear(view);
      await renderAlerts(view, new URLSearchParams());
    } catch (error) {
      problem.append(errorBox(error));
    }
  });
  const deliveries = h("div", { "aria-live": "polite" });
  view.append(h("h1", {}, "Alerts and watchlists"),
    h("section", { class: "card", "aria-labelledby": "alert-list" }, h("h2", { id: "alert-list" }, "Alerts"),
      table("Alerts, oldest first", ["Raised", "Watchlist", "Rule", "Amount", "Transactions"], alerts.items.map(a => [
        time(a.raisedAt), a.watchlist, a.rule, amount(a.cause.split(":")[1] ?? "btc", a.amount), a.txs.map(t => t.slice(0, 12) + "…").join(", ")]), "no alert raised yet")),
    h("section", { class: "card", "aria-labelledby": "watchlist-list" }, h("h2", { id: "watchlist-list" }, "Watchlists"),
      table("Watchlists", ["Name", "Chain", "Subjects", "Rules", "Created", ""], watchlists.map(w => [
        w.name, w.chain, w.subjects.join(", "), w.rules.map(r => r.kind).join(", "), time(w.createdAt),
        h("button", { type: "button", onclick: async () => {
          clear(deliveries);
          try {
            const list = await get<Delivery[]>(`/v1/watchlists/${enc(w.id)}/deliveries`);
            deliveries.append(table(`Webhook deliveries of ${w.name}`, ["Alert", "Status", "Attempts", "Last answer", "Created"], list.map(d => [
              String(d.alert), d.status, String(d.attempts), d.lastStatusCode !== null ? String(d.lastStatusCode) : d.lastError ?? "—", time(d.createdAt)]), "none"));
          } catch (error) {
            deliveries.append(errorBox(error));
          }
        } }, `Deliveries of ${w.name}`)]), "no watchlist yet"), deliveries),
    form);
}
