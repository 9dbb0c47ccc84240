import { enc, get } from "../api";
import { clear, errorBox, field, h } from "../dom";

/** What the query looks like: a cluster id (digits), a transaction (64 hex digits), else an address. */
export function classify(query: string, chosen: string): { kind: "address" | "tx" | "cluster"; chain: string } {
  if (/^\d+$/.test(query)) return { kind: "cluster", chain: chosen === "auto" ? "btc" : chosen };
  if (/^0x[0-9a-fA-F]{64}$/.test(query)) return { kind: "tx", chain: "eth" };
  if (/^[0-9a-fA-F]{64}$/.test(query)) return { kind: "tx", chain: chosen === "auto" ? "btc" : chosen };
  if (/^0x/i.test(query)) return { kind: "address", chain: "eth" };
  return { kind: "address", chain: chosen === "auto" ? "btc" : chosen };
}

export function renderSearch(view: HTMLElement): void {
  const query = h("input", { type: "search", name: "q", autocomplete: "off", spellcheck: "false", autofocus: true, required: true });
  const chain = h("select", { name: "chain" },
    h("option", { value: "auto" }, "Detect"), h("option", { value: "btc" }, "Bitcoin (btc)"), h("option", { value: "eth" }, "Ethereum (eth)"));
  const problem = h("div", { id: "search-error", "aria-live": "polite" });
  query.setAttribute("aria-errormessage", "search-error");
  const submit = h("button", { type: "submit" }, "Search");
  const form = h("form", { class: "card", role: "search", "aria-labelledby": "search-title" },
    h("h1", { id: "search-title" }, "Search"),
    h("div", { class: "row" },
      field("Address, transaction id or cluster id", query, "Bitcoin or Ethereum address; 64 hex digits for a transaction; digits for a cluster"),
      field("Chain", chain)),
    problem, submit);
  form.addEventListener("submit", async e => {
    e.preventDefault();
    clear(problem);
    query.removeAttribute("aria-invalid");
    const text = query.value.trim();
    if (!text) {
      problem.append(errorBox("Enter an address, a transaction id or a cluster id."));
      return;
    }
    const { kind, chain: code } = classify(text, chain.value);
    submit.disabled = true;
    try {
      if (kind === "cluster") await get(`/v1/clusters/${code}/${enc(text)}`);
      else if (kind === "tx") await get(`/v1/transactions/${code}/${enc(text)}`);
      else await get(`/v1/addresses/${code}/${enc(text)}/labels`);
      location.hash = `#/${kind}/${code}/${enc(text)}`;
    } catch (error) {
      query.setAttribute("aria-invalid", "true");
      problem.append(errorBox(error));
      query.focus();
    } finally {
      submit.disabled = false;
    }
  });
  view.append(form);
  query.focus();
}
