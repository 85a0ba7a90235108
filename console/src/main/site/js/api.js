// The public API, with the signed-in person's access token. Errors carry the API's own message.
import { current } from './auth.js';

export class ApiError extends Error {
  constructor(status, text) {
    super(text);
    this.status = status;
  }
}

let base = '';

/** Where the API is: the console's own origin unless the configuration names another. */
export function useBase(apiBase) {
  base = apiBase || '';
}

export async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  const session = current();
  if (session) {
    headers.Authorization = `Bearer ${session.accessToken}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, 'the API cannot be reached; retrying');
  }
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    const text = payload?.error || payload?.message || response.statusText;
    throw new ApiError(response.status, `${response.status}: ${text}`);
  }
  return payload?.data;
}

/** Query string of the non-empty values. */
export function query(values) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== null && value !== undefined && value !== '') params.set(name, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const path = (...segments) => `/${segments.map(encodeURIComponent).join('/')}`;
