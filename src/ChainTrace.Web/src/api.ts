// Every call of the page goes through the public API with the pasted key (kept in sessionStorage: this tab only).
const KeyName = "chaintrace.apiKey";

export class ApiError extends Error {
  constructor(public status: number, public code: string, public title: string, public detail: string) {
    super(`${detail} (${code})`);
  }
}

export const getKey = (): string | null => sessionStorage.getItem(KeyName);
export const setKey = (key: string): void => sessionStorage.setItem(KeyName, key);
export const clearKey = (): void => sessionStorage.removeItem(KeyName);

async function send(path: string, method: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { "X-Api-Key": getKey() ?? "" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, "unreachable", "Service unreachable", "the ChainTrace service did not answer; is it still running?");
  }
  if (!response.ok) throw await problemOf(response);
  return response;
}

async function problemOf(response: Response): Promise<ApiError> {
  let problem: { code?: string; title?: string; detail?: string } = {};
  try {
    problem = await response.json();
  } catch {
    // not a problem document: fall back to the status line
  }
  const code = problem.code ?? `http-${response.status}`;
  let detail = problem.detail ?? problem.title ?? response.statusText;
  if (response.status === 401) detail = "the API key was not accepted: it is unknown, revoked or expired";
  if (response.status === 403) detail = "this API key's role may not do this (the page needs an investigator or admin key)";
  if (response.status === 429) detail = `too many requests; try again in ${response.headers.get("Retry-After") ?? "a few"} seconds`;
  return new ApiError(response.status, code, problem.title ?? "", detail);
}

export async function get<T>(path: string): Promise<T> {
  return (await send(path, "GET")).json() as Promise<T>;
}

export async function post<T>(path: string, body: unknown, method = "POST"): Promise<T> {
  const response = await send(path, method, body);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export async function del(path: string): Promise<void> {
  await send(path, "DELETE");
}

export async function blob(path: string): Promise<Blob> {
  return (await send(path, "GET")).blob();
}

export async function text(path: string): Promise<string> {
  return (await send(path, "GET")).text();
}

/** Saves a blob as a file through a temporary link (the key never goes into a URL). */
export function save(data: Blob, name: string): void {
  const url = URL.createObjectURL(data);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const enc = encodeURIComponent;
