// Orders: every customer's, newest first, filtered by status or customer, refreshed every few seconds; an order's
// page with its lines, its history and the actions its state allows.
import { call, path, query } from './api.js';
import { badge, fill, h, message, time } from './dom.js';

export const STATUSES = ['PENDING', 'CONFIRMED', 'PARTIALLY_CONFIRMED', 'REJECTED', 'PAID', 'SHIPPED', 'DELIVERED',
  'CANCELED', 'EXPIRED'];
const FINAL = ['REJECTED', 'DELIVERED', 'CANCELED', 'EXPIRED'];

/**
 * The actions a status allows, as the order state machine has them (docs/openapi.yaml); the API decides, and a refused
 * action shows its answer.
 */
const ACTIONS = [
  { status: 'PAID', label: 'Record payment', from: ['CONFIRMED', 'PARTIALLY_CONFIRMED'] },
  { status: 'SHIPPED', label: 'Ship', from: ['PAID'] },
  { status: 'DELIVERED', label: 'Mark delivered', from: ['SHIPPED'] },
  { status: 'CANCELED', label: 'Cancel order', from: ['PENDING', 'CONFIRMED', 'PARTIALLY_CONFIRMED', 'PAID'] },
];

const CHANGED_BY = {
  CUSTOMER: 'customer',
  BACK_OFFICE: 'back office',
  INVENTORY: 'Inventory',
  PAYMENT_HOLD: 'payment hold ran out',
  INVENTORY_TIMEOUT: 'Inventory did not answer in time',
};

/** The orders list; returns the refresh to run every few seconds. */
export function ordersPage(main, params) {
  const filters = { status: params.get('status') || '', userId: params.get('userId') || '' };
  const rows = h('tbody');
  const more = h('p', { class: 'more' });
  const updated = h('p', { class: 'updated', role: 'status', 'aria-live': 'polite' });
  const statusSelect = h('select', { id: 'filter-status', name: 'status' },
    h('option', { value: '' }, 'Any status'),
    STATUSES.map((s) => h('option', { value: s, selected: s === filters.status }, s.replaceAll('_', ' '))));
  const customerInput = h('input', { id: 'filter-customer', name: 'userId', type: 'search', value: filters.userId,
    autocomplete: 'off', spellcheck: 'false' });
  const form = h('form', { class: 'filters', role: 'search', onsubmit: (e) => {
    e.preventDefault();
    location.hash = `#/orders${query({ status: statusSelect.value, userId: customerInput.value.trim() })}`;
  } },
  h('div', {}, h('label', { for: 'filter-status' }, 'Status'), statusSelect),
  h('div', {}, h('label', { for: 'filter-customer' }, 'Customer'), customerInput),
  h('button', { type: 'submit' }, 'Filter'),
  (filters.status || filters.userId) ? h('a', { href: '#/orders' }, 'Clear') : null);

  fill(main,
    h('h1', {}, 'Orders'),
    h('p', { class: 'lead' }, filters.userId
      ? `Customer ${filters.userId}'s orders, newest first.`
      : 'Every customer\'s orders, newest first (those placed within the last 12 months).'),
    form,
    h('table', { class: 'data orders' },
      h('caption', { class: 'visually-hidden' }, 'Orders, newest first'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Order'), h('th', { scope: 'col' }, 'Customer'), h('th', { scope: 'col' }, 'Status'),
        h('th', { scope: 'col' }, 'Lines'), h('th', { scope: 'col' }, 'Placed'), h('th', { scope: 'col' }, 'Last change'))),
      rows),
    more, updated);

  return async () => {
    const page = await call('GET', `/oms/orders${query({ ...filters, limit: 50 })}`);
    fill(rows, page.orders.length === 0
      ? h('tr', {}, h('td', { colspan: 6 }, 'No orders.'))
      : page.orders.map((order) => h('tr', { 'data-order-id': order.orderId },
        h('th', { scope: 'row' }, h('a', { href: `#/orders/${encodeURIComponent(order.orderId)}` }, order.orderId)),
        h('td', {}, h('a', { href: `#/orders${query({ userId: order.userId })}` }, order.userId)),
        h('td', { class: 'order-status' }, badge(order.status)),
        h('td', {}, lineSummary(order.orderItems)),
        h('td', {}, time(order.createdAt)),
        h('td', {}, time(order.updatedAt)))));
    fill(more, page.nextCursor ? 'The 50 newest are shown; filter by status or customer to see others.' : '');
    fill(updated, `Live: updated ${new Date().toLocaleTimeString()}`);
  };
}

function lineSummary(lines) {
  return lines.map((line) => `${line.productId} × ${line.quantity}`).join(', ');
}

/** One order's page; returns its refresh. */
export function orderPage(main, orderId) {
  const summary = h('dl', { class: 'summary' });
  const lines = h('tbody');
  const history = h('tbody');
  const actions = h('div', { class: 'actions', role: 'group', 'aria-label': 'Actions' });
  const outcome = h('div', { class: 'outcome' });
  const updated = h('p', { class: 'updated', role: 'status', 'aria-live': 'polite' });
  let shown = null;

  fill(main,
    h('p', { class: 'back' }, h('a', { href: '#/orders' }, '← All orders')),
    h('h1', {}, 'Order ', h('span', { class: 'id' }, orderId)),
    summary,
    h('h2', {}, 'Actions'), actions, outcome,
    h('h2', {}, 'Lines'),
    h('table', { class: 'data lines' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Product'), h('th', { scope: 'col' }, 'Quantity'),
        h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'Reason'))),
      lines),
    h('h2', {}, 'History'),
    h('table', { class: 'data history' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Version'), h('th', { scope: 'col' }, 'When'),
        h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'By'))),
      history),
    updated);

  const act = async (action, button) => {
    button.disabled = true;
    fill(outcome);
    try {
      const order = await call('PUT', path('oms', 'orders', orderId), { status: action.status });
      fill(outcome, message(`Done: the order is ${order.status.replaceAll('_', ' ')}.`));
    } catch (e) {
      fill(outcome, message(`Refused - ${e.message}`, 'error'));
    }
    shown = null;
    await refresh();
  };

  const refresh = async () => {
    const [order, changes] = await Promise.all([
      call('GET', path('oms', 'orders', orderId)),
      call('GET', `${path('oms', 'orders', orderId)}/history`),
    ]);
    fill(summary,
      h('dt', {}, 'Status'), h('dd', { id: 'order-status' }, badge(order.status)),
      h('dt', {}, 'Customer'), h('dd', {}, h('a', { href: `#/orders${query({ userId: order.userId })}` }, order.userId)),
      h('dt', {}, 'Placed'), h('dd', {}, time(order.createdAt)),
      h('dt', {}, 'Last change'), h('dd', {}, time(order.updatedAt)),
      h('dt', {}, 'Version'), h('dd', {}, order.version));
    fill(lines, order.orderItems.map((line) => h('tr', {},
      h('th', { scope: 'row' }, line.productId), h('td', {}, line.quantity), h('td', {}, badge(line.status)),
      h('td', {}, line.reason ? line.reason.replaceAll('_', ' ') : ''))));
    fill(history, changes.changes.map((change) => h('tr', {},
      h('td', {}, change.version), h('td', {}, time(change.at)),
      h('td', {}, change.previousStatus ? [badge(change.previousStatus), ' → '] : 'placed ', badge(change.status)),
      h('td', {}, CHANGED_BY[change.changedBy] || change.changedBy, change.changedById ? ` ${change.changedById}` : ''))));
    if (shown !== order.status) {
      shown = order.status;
      const allowed = ACTIONS.filter((action) => action.from.includes(order.status));
      fill(actions, allowed.length === 0
        ? h('p', {}, FINAL.includes(order.status) ? 'The order is final: nothing more to do.' : 'Waiting for Inventory\'s answer.')
        : allowed.map((action) => h('button', { type: 'button', 'data-action': action.status,
          class: action.status === 'CANCELED' ? 'danger' : null,
          onclick: (e) => act(action, e.currentTarget) }, action.label)));
    }
    fill(updated, FINAL.includes(order.status) ? 'Final.' : `Live: updated ${new Date().toLocaleTimeString()}`);
  };
  return refresh;
}
