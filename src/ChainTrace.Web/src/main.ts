import { clearKey, get, getKey, setKey } from "./api";
import { clear, errorBox, field, h } from "./dom";
import { renderAddress, renderCluster, renderTx } from "./views/address";
import { renderAlerts } from "./views/alerts";
import { renderCase, renderCases } from "./views/cases";
import { renderGraph } from "./views/graph";
import { renderSearch } from "./views/search";
import { renderTrace } from "./views/trace";
import { renderTrends } from "./views/trends";

const main = document.getElementById("main") as HTMLElement;
const nav = document.getElementById("nav") as HTMLElement;

function signIn(): void {
  nav.hidden = true;
  clear(main);
  const key = h("input", { type: "password", name: "key", autocomplete: "off", required: true, spellcheck: "false" });
  const problem = h("div", { "aria-live": "polite" });
  const form = h("form", { class: "card narrow", "aria-labelledby": "signin-title" },
    h("h1", { id: "signin-title", tabindex: "-1" }, "Sign in"),
    h("p", {}, "Paste an investigator or admin API key. It is kept for this browser tab only and sent with every call to the API."),
    field("API key", key, "chaintrace serve prints where the demo investigator key file is"),
    problem,
    h("button", { type: "submit" }, "Sign in"));
  form.addEventListener("submit", async e => {
    e.preventDefault();
    clear(problem);
    setKey(key.value.trim());
    try {
      await get("/v1/cases");
      location.hash = "#/search";
      route();
    } catch (error) {
      clearKey();
      problem.append(errorBox(error));
      key.focus();
    }
  });
  main.append(form);
  key.focus();
}

async function route(): Promise<void> {
  if (!getKey()) {
    signIn();
    return;
  }
  nav.hidden = false;
  const [path, query] = (location.hash.slice(1) || "/search").split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query ?? "");
  for (const link of nav.querySelectorAll("a")) {
    if (link.getAttribute("href") === `#/${parts[0]}`) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  clear(main);
  const view = h("div", { class: "view", "aria-busy": "true" });
  main.append(view);
  try {
    switch (parts[0]) {
      case "address": await renderAddress(view, parts[1], parts[2]); break;
      case "cluster": await renderCluster(view, parts[1], parts[2]); break;
      case "tx": await renderTx(view, parts[1], parts[2]); break;
      case "graph": await renderGraph(view, parts[1], parts[2]); break;
      case "trace": await renderTrace(view, params); break;
      case "cases": await (parts[1] ? renderCase(view, parts[1]) : renderCases(view)); break;
      case "alerts": await renderAlerts(view, params); break;
      case "trends": await renderTrends(view, params); break;
      default: renderSearch(view);
    }
  } catch (error) {
    view.append(errorBox(error));
  } finally {
    view.setAttribute("aria-busy", "false");
  }
  const heading = view.querySelector("h1");
  if (heading) {
    document.title = `${heading.textContent} · ChainTrace`;
    if (!view.querySelector("[autofocus]")) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
  }
}

document.getElementById("signout")?.addEventListener("click", () => {
  clearKey();
  location.hash = "";
  signIn();
});
window.addEventListener("hashchange", () => void route());
void route();
