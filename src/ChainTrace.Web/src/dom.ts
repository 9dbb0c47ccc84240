// Small DOM helpers: elements are built with textContent, never innerHTML, so API data cannot inject markup.
export type Child = Node | string | number | null | undefined | false;
type Attr = string | number | boolean | undefined | null | ((e: Event) => void);

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, Attr> = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === "function") el.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) el.setAttribute(name, "");
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.firstChild.remove();
}

let ids = 0;
export function uid(prefix: string): string {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** A labelled form field: the label names the input, the hint and the error are tied to it with aria-describedby. */
export function field(label: string, input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint?: string): HTMLElement {
  input.id ||= uid("f");
  const parts: Child[] = [h("label", { for: input.id }, label), input];
  if (hint) {
    const hintId = `${input.id}-hint`;
    input.setAttribute("aria-describedby", hintId);
    parts.push(h("small", { id: hintId, class: "hint" }, hint));
  }
  return h("div", { class: "field" }, ...parts);
}

export function table(caption: string, headers: string[], rows: Child[][], empty = "None."): HTMLElement {
  if (rows.length === 0) return h("p", { class: "empty" }, `${caption}: ${empty}`);
  return h("table", {},
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, ...headers.map(c => h("th", { scope: "col" }, c)))),
    h("tbody", {}, ...rows.map(r => h("tr", {}, ...r.map(c => h("td", {}, c))))));
}

export function announce(text: string): void {
  const status = document.getElementById("status");
  if (status) status.textContent = text;
}

/** An inline error box: the text is the API's own explanation, the code is shown for support. */
export function errorBox(error: unknown): HTMLElement {
  const box = h("div", { class: "error", role: "alert" });
  box.textContent = describe(error);
  return box;
}

export function describe(error: unknown): string {
  if (error && typeof error === "object" && "detail" in error && "code" in error) {
    const e = error as { detail: string; code: string };
    return `${e.detail} (${e.code})`;
  }
  return error instanceof Error ? error.message : String(error);
}
