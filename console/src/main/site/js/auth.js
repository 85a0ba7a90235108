// Sign-in with OAuth 2.0 authorization code + PKCE (RFC 7636), against the issuer /console-config.json names: the
// local runner's development issuer, or the Cognito user pool's managed login on AWS. The access token lives in this
// module's memory only - never in localStorage, sessionStorage, a cookie or a URL - so a reload signs in again. What
// crosses the redirect in sessionStorage is the PKCE verifier and the state, both single-use.

const PENDING = 'orderflow.console.pending-sign-in';
/** A token with one of these may use the console: the back office, the warehouse. */
export const STAFF_SCOPES = ['orderflow/orders:admin', 'orderflow/inventory:write'];

let session = null;

export class SignInRefused extends Error {}

export function current() {
  if (session && session.expiresAt <= Date.now()) {
    session = null;
  }
  return session;
}

export function signOut(config) {
  session = null;
  if (config.logoutUrl) {
    const url = new URL(config.logoutUrl);
    url.searchParams.set('client_id', config.clientId);
    url.searchParams.set('logout_uri', redirectUri());
    location.assign(url);
  }
}

export function hasScope(scope) {
  return Boolean(current()?.scopes.includes(scope));
}

/** Sends the browser to the issuer's sign-in page. */
export async function signIn(config) {
  const verifier = randomString(48);
  const state = randomString(24);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo: location.hash || '#/orders' }));
  const url = new URL(config.authorizeUrl, location.href);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: config.scopes,
    state,
    code_challenge: base64url(new Uint8Array(digest)),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/**
 * When the issuer sent the browser back (?code= or ?error=), trades the code for a token and returns the session; null
 * when this page load is no return from a sign-in. The code leaves the address bar before anything else happens.
 */
export async function completeSignIn(config) {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) {
    return null;
  }
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', location.pathname + (pending?.returnTo || '#/orders'));
  if (params.has('error')) {
    throw new SignInRefused(params.get('error_description') || params.get('error'));
  }
  if (!pending || pending.state !== params.get('state')) {
    throw new SignInRefused('the answer from the sign-in page does not belong to this browser tab; sign in again');
  }
  const response = await fetch(new URL(config.tokenUrl, location.href), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code'),
      redirect_uri: redirectUri(),
      client_id: config.clientId,
      code_verifier: pending.verifier,
    }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok || !body.access_token) {
    throw new SignInRefused(body.error_description || body.error || `the token endpoint answered ${response.status}`);
  }
  const claims = decodeClaims(body.access_token);
  const scopes = String(claims.scope || '').split(' ').filter(Boolean);
  if (!scopes.some((scope) => STAFF_SCOPES.includes(scope))) {
    throw new SignInRefused(`this console is for the shop's staff: ${claims.username || claims.sub} has no back-office or warehouse role`);
  }
  session = {
    accessToken: body.access_token,
    subject: claims.username || claims.sub,
    scopes,
    expiresAt: (claims.exp || 0) * 1000,
  };
  return session;
}

/** The console's own address: where the issuer sends the browser back (registered with the issuer). */
export function redirectUri() {
  return `${location.origin}/`;
}

function decodeClaims(token) {
  const payload = token.split('.')[1] || '';
  const json = atob(payload.replaceAll('-', '+').replaceAll('_', '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))));
}

function randomString(bytes) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '');
}
