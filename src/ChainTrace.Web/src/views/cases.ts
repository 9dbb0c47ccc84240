import { blob, del, enc, get, post, save, text } from "../api";
import { announce, clear, errorBox, field, h, table } from "../dom";
import { time } from "../format";
import type { CaseDetail, CaseInfo } from "../types";

export async function renderCases(view: HTMLElement): Promise<void> {
  const cases = await get<CaseInfo[]>("/v1/cases");
  const title = h("input", { type: "text", name: "title", required: true, maxlength: "200" });
  const description = h("textarea", { name: "description", rows: "3" });
  const problem = h("div", { "aria-live": "polite" });
  const form = h("form", { class: "card", "aria-labelledby": "new-case" }, h("h2", { id: "new-case" }, "New case"),
    field("Title", title), field("Description", description), problem, h("button", { type: "submit" }, "Create case"));
  form.addEventListener("submit", async e => {
    e.preventDefault();
    clear(problem);
    try {
      const created = await post<CaseInfo>("/v1/cases", { title: title.value, description: description.value });
      announce(`Case ${created.title} created`);
      location.hash = `#/cases/${created.id}`;
    } catch (error) {
      problem.append(errorBox(error));
    }
  });
  view.append(h("h1", {}, "Cases"), form,
    h("section", { class: "card", "aria-labelledby": "case-list" }, h("h2", { id: "case-list" }, "All cases"),
      table("Cases, most recently changed first", ["Title", "Status", "Opened by", "Changed"], cases.map(c => [
        h("a", { href: `#/cases/${c.id}` }, c.title), c.status, c.createdBy, time(c.updatedAt)]), "no case yet")));
}

function subjectLink(pin: CaseDetail["pins"][number]): HTMLElement {
  const href = pin.kind === "trace" ? `#/trace?id=${enc(pin.subject)}` : `#/${pin.kind}/${pin.chain}/${enc(pin.subject)}`;
  return h("a", { href }, h("code", {}, pin.subject));
}

export async function renderCase(view: HTMLElement, id: string): Promise<void> {
  const detail = await get<CaseDetail>(`/v1/cases/${enc(id)}`);
  const c = detail.case;
  const refresh = async () => {
    clear(view);
    await renderCase(view, id);
  };
  const message = h("div", { "aria-live": "polite" });
  const act = (work: () => Promise<void>) => async (e: Event) => {
    e.preventDefault();
    clear(message);
    try {
      await work();
    } catch (error) {
      message.append(errorBox(error));
    }
  };

  const note = h("textarea", { name: "note", rows: "3", required: true });
  const pinKind = h("select", { name: "kind" }, ...["address", "cluster", "trace"].map(k => h("option", { value: k }, k)));
  const pinChain = h("select", { name: "chain" }, h("option", { value: "btc" }, "btc"), h("option", { value: "eth" }, "eth"));
  const pinSubject = h("input", { type: "text", name: "subject", required: true, spellcheck: "false" });
  view.append(
    h("h1", {}, c.title),
    h("p", { class: "meta" }, `${c.status} · opened by ${c.createdBy} `, time(c.createdAt), " · changed ", time(c.updatedAt)),
    c.description ? h("p", { class: "note" }, c.description) : "",
    h("p", { class: "actions" },
      h("button", { type: "button", onclick: act(async () => {
        save(await blob(`/v1/cases/${enc(id)}/export?format=bundle`), `${id}.zip`);
        announce("Evidence bundle downloaded");
      }) }, "Download evidence bundle (.zip)"),
      h("button", { type: "button", onclick: act(async () => {
        const page = await text(`/v1/cases/${enc(id)}/export?format=report`);
        const url = URL.createObjectURL(new Blob([page], { type: "text/html" }));
        window.open(url, "_blank", "noopener");
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      }) }, "Open printable report"),
      h("button", { type: "button", onclick: act(async () => {
        await post(`/v1/cases/${enc(id)}`, { status: c.status === "open" ? "closed" : "open" }, "PATCH");
        await refresh();
      }) }, c.status === "open" ? "Close case" : "Reopen case")),
    message,
    h("section", { class: "card", "aria-labelledby": "notes" }, h("h2", { id: "notes" }, "Notes"),
      ...detail.notes.map(n => h("article", { class: "note" }, h("p", { class: "meta" }, `${n.author}, `, time(n.createdAt)), h("p", {}, n.text))),
      detail.notes.length === 0 ? h("p", { class: "empty" }, "No notes yet.") : "",
      h("form", { onsubmit: act(async () => {
        await post(`/v1/cases/${enc(id)}/notes`, { text: note.value });
        await refresh();
      }) }, field("New note", note), h("button", { type: "submit" }, "Add note"))),
    h("section", { class: "card", "aria-labelledby": "pins" }, h("h2", { id: "pins" }, "Pinned findings"),
      table("Pins", ["Kind", "Subject", "Comment", "Pinned by", ""], detail.pins.map(p => [
        p.kind + (p.chain ? ` (${p.chain})` : ""), subjectLink(p), p.comment ?? "", h("span", {}, `${p.pinnedBy}, `, time(p.pinnedAt)),
        h("button", { type: "button", onclick: act(async () => {
          await del(`/v1/cases/${enc(id)}/pins/${p.id}`);
          await refresh();
        }) }, `Remove pin ${p.id}`)]), "nothing pinned yet"),
      h("form", { onsubmit: act(async () => {
        await post(`/v1/cases/${enc(id)}/pins`, { kind: pinKind.value, chain: pinKind.value === "trace" ? null : pinChain.value, subject: pinSubject.value.trim() });
        await refresh();
      }) }, h("div", { class: "row" }, field("Kind", pinKind), field("Chain", pinChain), field("Address, cluster id or trace id", pinSubject)), h("button", { type: "submit" }, "Pin"))),
    h("section", { class: "card", "aria-labelledby": "history" }, h("h2", { id: "history" }, "History"),
      table("Who did what, when", ["When", "Who", "What", "Detail"], detail.history.map(e => [time(e.at), e.actor, e.action, e.detail]))));
}
