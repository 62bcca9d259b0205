// The page's one way to call the API: same-origin cookies, the anti-forgery token on every change, and the
// server's one-line refusal as the error message.
let token = null;

export async function refreshToken() {
  const response = await fetch('/api/antiforgery', { credentials: 'same-origin' });
  token = (await response.json()).token;
}

export async function api(method, url, body, contentType) {
  const headers = {};
  if (method !== 'GET' && token) headers['X-CSRF-TOKEN'] = token;
  let payload;
  if (body instanceof Blob || body instanceof ArrayBuffer) {
    payload = body;
    headers['Content-Type'] = contentType || 'application/octet-stream';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' });
  if (response.status === 401 && !url.startsWith('/api/session')) {
    window.location.assign('/public/signin.html');
    throw new Error('Your session has ended: sign in again.');
  }
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, (data && data.error) || `${response.status} ${response.statusText}`);
  }
  return data;
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** An element with text children only: page code never assigns HTML from data. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === 'class') node.className = value;
    else if (name.startsWith('data-')) node.setAttribute(name, value);
    else if (name in node) node[name] = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}
