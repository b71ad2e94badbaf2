import type { z } from 'zod';
import type { errorBody, localized } from '../../core/contracts/common';

export type Localized = z.infer<typeof localized>;
type ErrorBody = z.infer<typeof errorBody>['error'];
export type FieldError = NonNullable<ErrorBody['fields']>[number];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messages: Localized,
    readonly fields: FieldError[] = [],
  ) {
    super(messages['en-US']);
  }
}

const networkError = () => new ApiError(0, 'network', { 'zh-CN': '无法连接服务器，请检查网络后重试', 'en-US': 'Cannot reach the server: check the network and try again' });

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};
/** A CSRF token is known (an account signed in offline has none until the server answers). */
export const csrfKnown = () => !!csrfToken;
export const setUnauthorizedHandler = (handler: (() => void) | null) => {
  onUnauthorized = handler;
};

type Query = Record<string, string | number | boolean | undefined | null>;

export function toQueryString(query?: Query): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const form = body instanceof FormData;
  // Fastify rejects an empty body declared as JSON, so the content type goes only with a body;
  // a multipart body sets its own (with the boundary).
  if (body !== undefined && !form) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`/api${path}${toQueryString(query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : form ? (body as FormData) : JSON.stringify(body),
    });
  } catch {
    throw networkError();
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const e = (data as { error?: ErrorBody } | null)?.error;
    const err = e
      ? new ApiError(res.status, e.code, e.message, e.fields ?? [])
      : new ApiError(res.status, 'http', { 'zh-CN': `请求失败（${res.status}）`, 'en-US': `Request failed (${res.status})` });
    // A wrong password on the sign-in form is a 401 too, but it is not a lost session.
    if (res.status === 401 && path !== '/auth/login') onUnauthorized?.();
    throw err;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  /** multipart/form-data: uploads (documents, ledgers). */
  postForm: <T>(path: string, form: FormData) => request<T>('POST', path, form),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string, body?: unknown) => request<T>('DELETE', path, body),
};
