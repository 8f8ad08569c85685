// HTTP calls to the pool's API: JSON in and out, the session's bearer token when signed in (renewed
// once after a 401), and errors that carry the server's own message and code.
import { config } from '../config';
import { session } from '../auth/session';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly path: string,
    readonly code = '',
  ) {
    super(message);
  }
  get notFound() {
    return this.status === 404;
  }
}

async function errorOf(res: Response): Promise<{ message: string; code: string }> {
  try {
    const body = await res.json();
    if (body && typeof body.error === 'string') return { message: body.error, code: '' };
    if (body && body.error && typeof body.error.message === 'string')
      return { message: body.error.message, code: String(body.error.code ?? '') };
    if (body && typeof body.message === 'string') return { message: body.message, code: '' };
  } catch {
    /* not JSON */
  }
  return { message: `${res.status} ${res.statusText}`.trim(), code: '' };
}

export async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal, retried = false): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = session.get()?.accessToken;
  if (token) headers.Authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(config.apiUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, `cannot reach the pool's API at ${config.apiUrl}`, path);
  }
  if (res.status === 401 && token && !retried && !path.startsWith('/api/auth/')) {
    if (await session.renew()) return request<T>(method, path, body, signal, true);
  }
  if (!res.ok) {
    const e = await errorOf(res);
    throw new ApiError(res.status, e.message, path, e.code);
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const get = <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal);
