// The console's shell: configuration, sign-in, the sections (hash routes), and the refresh loop that keeps the
// page live (polling: one small request every few seconds, which works the same through API Gateway and locally).
import { completeSignIn, current, hasScope, signIn, signOut, SignInRefused } from './auth.js';
import { ApiError, call, useBase } from './api.js';
import { duration, fill, h, message } from './dom.js';
import { orderPage, ordersPage } from './orders.js';
import { productPage, stockPage } from './stock.js';

const REFRESH_MS = 2000;
const BACK_OFFICE = 'orderflow/orders:admin';
const HEALTH_MS = 5000;

const main = document.getElementById('main');
let config = null;
let refresh = null;
let timer = null;
let healthTimer = null;

async function boot() {
  config = await (await fetch('/console-config.json', { cache: 'no-store' })).json();
  useBase(config.apiBase);
  document.getElementById('sign-out').addEventListener('click', () => {
    signOut(config);
    showSignIn('You are signed out.');
  });
  if (config.auth === 'off') {
    return start();
  }
  try {
    if (await completeSignIn(config)) {
      return start();
    }
  } catch (e) {
    return showSignIn(`Sign-in refused: ${e instanceof SignInRefused ? e.message : 'the issuer could not be reached'}`, 'error');
  }
  showSignIn();
}

function showSignIn(text, kind = 'info') {
  stopTimers();
  document.getElementById('nav').hidden = true;
  document.getElementById('who').hidden = true;
  document.getElementById('health').hidden = true;
  const button = h('button', { type: 'button', class: 'primary', id: 'sign-in', onclick: () => signIn(config) }, 'Sign in');
  fill(main,
    h('h1', {}, 'Sign in to the back office'),
    text ? message(text, kind) : null,
    config.authorizeUrl
      ? [h('p', {}, 'For the shop\'s support and warehouse staff. You sign in on ', config.issuerName || 'the issuer\'s page',
        ', and come back here.'), button]
      : h('p', {}, 'This runner takes its tokens from another issuer, which offers no sign-in page to the console.'));
  button.focus();
}

function start() {
  const session = current();
  document.getElementById('nav').hidden = false;
  document.getElementById('who').hidden = false;
  fill(document.getElementById('who-name'), session ? `Signed in as ${session.subject}` : 'Authentication is off');
  document.getElementById('sign-out').hidden = !session;
  document.getElementById('health').hidden = false;
  // the warehouse's role reaches stock only: orders, their backlog and Order Management's dead letters are the back
  // office's
  document.querySelector('#nav a[data-section="orders"]').parentElement.hidden = !mayManageOrders();
  document.querySelectorAll('.orders-health').forEach((item) => { item.hidden = !mayManageOrders(); });
  window.addEventListener('hashchange', route);
  route();
  health();
  healthTimer = setInterval(health, HEALTH_MS);
}

function stopTimers() {
  clearTimeout(timer);
  clearInterval(healthTimer);
  refresh = null;
}

function route() {
  clearTimeout(timer);
  const [hashPath, hashQuery] = (location.hash || '#/orders').slice(1).split('?');
  const params = new URLSearchParams(hashQuery || '');
  const parts = hashPath.split('/').filter(Boolean).map(decodeURIComponent);
  const section = parts[0] || (mayManageOrders() ? 'orders' : 'stock');
  document.querySelectorAll('#nav a[data-section]').forEach((link) => {
    if (link.dataset.section === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  });
  if (section === 'stock' || !mayManageOrders()) {
    refresh = parts[1] ? productPage(main, parts[1]) : stockPage(main);
    document.title = 'Stock - orderflow back office';
  } else if (parts[1]) {
    refresh = orderPage(main, parts[1]);
    document.title = `Order ${parts[1]} - orderflow back office`;
  } else {
    refresh = ordersPage(main, params);
    document.title = 'Orders - orderflow back office';
  }
  const mine = refresh;
  const loop = async () => {
    if (refresh !== mine) return;
    try {
      await mine();
      main.querySelector('.load-error')?.remove();
    } catch (e) {
      if (handled(e)) return;
      if (!main.querySelector('.load-error')) {
        main.append(h('div', { class: 'load-error' }, message(e.message, 'error')));
      }
    }
    if (refresh === mine) timer = setTimeout(loop, REFRESH_MS);
  };
  loop();
}

/** Whether this sign-in may see orders (with authentication off, everyone may). */
function mayManageOrders() {
  return !current() || hasScope(BACK_OFFICE);
}

/** A 401 means the sign-in expired: back to the sign-in page. */
function handled(error) {
  if (error instanceof ApiError && error.status === 401 && config.auth !== 'off') {
    signOut({});
    showSignIn('Your sign-in expired; sign in again.');
    return true;
  }
  return false;
}

async function health() {
  deadLetters();
  try {
    const [backlog, alerts] = await Promise.all([
      mayManageOrders() ? call('GET', '/oms/backlog') : null,
      call('GET', '/inventory/alerts?limit=1'),
    ]);
    if (backlog) {
      fill(document.getElementById('health-waiting'), `${backlog.awaitingInventory}${backlog.atLeast ? '+' : ''} orders`);
      fill(document.getElementById('health-oldest'), duration(backlog.oldestWaitSeconds));
    }
    const latest = alerts.alerts[0];
    fill(document.getElementById('health-alerts'), latest
      ? `${latest.alert.replaceAll('_', ' ').toLowerCase()}: ${latest.productId}`
      : 'none');
  } catch (e) {
    if (!handled(e)) fill(document.getElementById('health-waiting'), 'unknown');
  }
}

/** Each service's dead letters waiting for the operator's replay (docs/operations.md); "unknown" while Kafka is away. */
async function deadLetters() {
  const element = document.getElementById('health-dead-letters');
  const answers = await Promise.allSettled([
    ...(mayManageOrders() ? [call('GET', '/oms/dead-letters')] : []),
    call('GET', '/inventory/dead-letters'),
  ]);
  const known = answers.filter((a) => a.status === 'fulfilled').map((a) => a.value);
  if (answers.some((a) => a.status === 'rejected' && handled(a.reason))) return;
  const total = known.reduce((sum, d) => sum + d.waiting, 0);
  fill(element, known.length === 0 ? 'unknown' : `${total}${known.length < answers.length ? '+ (one service unknown)' : ''}`);
  element.title = known.map((d) => `${d.topic}: ${d.waiting}`).join(', ');
  element.classList.toggle('attention', total > 0);
}

boot().catch((e) => fill(main, message(`The console could not start: ${e.message}`, 'error')));
