import { enc, get, post } from "../api";
import { announce, clear, errorBox, field, h } from "../dom";
import type { CaseInfo } from "../types";

/** "Pin to case": choose an open case and pin this address, cluster or trace into it. */
export async function pinControl(kind: "address" | "cluster" | "trace", chain: string | null, subject: string): Promise<HTMLElement> {
  const cases = (await get<CaseInfo[]>("/v1/cases")).filter(c => c.status === "open");
  const box = h("div", { class: "pin" });
  if (cases.length === 0) {
    box.append(h("p", {}, "No open case to pin into yet. ", h("a", { href: "#/cases" }, "Create a case"), "."));
    return box;
  }
  const select = h("select", { name: "case" }, ...cases.map(c => h("option", { value: c.id }, c.title)));
  const comment = h("input", { type: "text", name: "comment", maxlength: "2000" });
  const message = h("div", { "aria-live": "polite" });
  const button = h("button", { type: "button" }, `Pin ${kind} to case`);
  button.addEventListener("click", async () => {
    clear(message);
    try {
      await post(`/v1/cases/${enc(select.value)}/pins`, { kind, chain, subject, comment: comment.value || null });
      const title = select.selectedOptions[0]?.textContent ?? "";
      message.append(h("p", { class: "ok" }, `Pinned to `, h("a", { href: `#/cases/${enc(select.value)}` }, title), "."));
      announce(`Pinned ${kind} to case ${title}`);
    } catch (error) {
      message.append(errorBox(error));
    }
  });
  box.append(h("div", { class: "row" }, field("Case", select), field("Comment (optional)", comment)), button, message);
  return box;
}
