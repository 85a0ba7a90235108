// Stock: every product with available / reserved / threshold, low and out-of-stock marked, the recent alerts, and a
// product's page to restock or edit it (the warehouse's scope).
import { hasScope } from './auth.js';
import { call, path, query } from './api.js';
import { fill, h, message, time } from './dom.js';

const WRITE = 'orderflow/inventory:write';

function level(product) {
  if (product.available === 0) return { key: 'out', text: 'Out of stock' };
  if (product.available <= product.lowStockThreshold) return { key: 'low', text: 'Low' };
  return { key: 'ok', text: 'In stock' };
}

function levelBadge(product) {
  const { key, text } = level(product);
  return h('span', { class: `badge badge-stock-${key}` }, text);
}

const ALERT_TEXT = { LOW_STOCK: 'Low stock', OUT_OF_STOCK: 'Out of stock', BACK_IN_STOCK: 'Back in stock' };

/** The stock page; returns its refresh. */
export function stockPage(main) {
  const rows = h('tbody');
  const alerts = h('ul', { class: 'alerts', id: 'alerts' });
  const updated = h('p', { class: 'updated', role: 'status', 'aria-live': 'polite' });
  const outcome = h('div', { class: 'outcome' });
  const canWrite = hasScope(WRITE);

  const id = h('input', { id: 'new-id', name: 'productId', required: true, maxlength: 128, autocomplete: 'off' });
  const name = h('input', { id: 'new-name', name: 'name', maxlength: 200, autocomplete: 'off' });
  const quantity = h('input', { id: 'new-quantity', name: 'quantity', type: 'number', min: 0, max: 1000000, required: true, value: 0 });
  const threshold = h('input', { id: 'new-threshold', name: 'lowStockThreshold', type: 'number', min: 0, max: 1000000 });
  const add = h('form', { class: 'inline-form', onsubmit: async (e) => {
    e.preventDefault();
    try {
      const body = { productId: id.value.trim(), quantity: Number(quantity.value) };
      if (name.value.trim()) body.name = name.value.trim();
      if (threshold.value !== '') body.lowStockThreshold = Number(threshold.value);
      const product = await call('POST', '/inventory/products', body);
      fill(outcome, message(`Added ${product.productId}.`));
      add.reset();
      await refresh();
    } catch (error) {
      fill(outcome, message(`Refused - ${error.message}`, 'error'));
    }
  } },
  h('div', {}, h('label', { for: 'new-id' }, 'Product id'), id),
  h('div', {}, h('label', { for: 'new-name' }, 'Name'), name),
  h('div', {}, h('label', { for: 'new-quantity' }, 'Units'), quantity),
  h('div', {}, h('label', { for: 'new-threshold' }, 'Low-stock threshold'), threshold),
  h('button', { type: 'submit' }, 'Add product'));

  fill(main,
    h('h1', {}, 'Stock'),
    h('div', { class: 'columns' },
      h('section', { 'aria-labelledby': 'products-title' },
        h('h2', { id: 'products-title' }, 'Products'),
        h('table', { class: 'data products' },
          h('thead', {}, h('tr', {},
            h('th', { scope: 'col' }, 'Product'), h('th', { scope: 'col' }, 'Name'),
            h('th', { scope: 'col', class: 'num' }, 'Available'), h('th', { scope: 'col', class: 'num' }, 'Reserved'),
            h('th', { scope: 'col', class: 'num' }, 'Threshold'), h('th', { scope: 'col' }, 'Level'))),
          rows)),
      h('section', { 'aria-labelledby': 'alerts-title', class: 'side' },
        h('h2', { id: 'alerts-title' }, 'Recent alerts'),
        alerts)),
    canWrite
      ? h('section', { 'aria-labelledby': 'add-title' }, h('h2', { id: 'add-title' }, 'Add a product'), add, outcome)
      : h('p', { class: 'note' }, 'Adding, restocking and editing products needs the warehouse role.'),
    updated);

  const refresh = async () => {
    const [page, feed] = await Promise.all([
      call('GET', `/inventory/products${query({ limit: 100 })}`),
      call('GET', `/inventory/alerts${query({ limit: 20 })}`),
    ]);
    fill(rows, page.products.length === 0
      ? h('tr', {}, h('td', { colspan: 6 }, 'No products yet.'))
      : page.products.map((product) => h('tr', { 'data-product-id': product.productId, class: `stock-${level(product).key}` },
        h('th', { scope: 'row' }, h('a', { href: `#/stock/${encodeURIComponent(product.productId)}` }, product.productId)),
        h('td', {}, product.name || ''),
        h('td', { class: 'num' }, product.available), h('td', { class: 'num' }, product.reserved),
        h('td', { class: 'num' }, product.lowStockThreshold), h('td', {}, levelBadge(product)))));
    fill(alerts, feed.alerts.length === 0
      ? h('li', {}, 'No alerts yet.')
      : feed.alerts.map((alert) => h('li', { class: `alert alert-${alert.alert.toLowerCase().replaceAll('_', '-')}`, 'data-product-id': alert.productId },
        h('strong', {}, ALERT_TEXT[alert.alert] || alert.alert), ' ',
        h('a', { href: `#/stock/${encodeURIComponent(alert.productId)}` }, alert.productId),
        ` - ${alert.available} available (threshold ${alert.lowStockThreshold}) `, time(alert.at))));
    fill(updated, `Live: updated ${new Date().toLocaleTimeString()}`);
  };
  return refresh;
}

/** One product's page: restock it, rename it, change its threshold; returns its refresh. */
export function productPage(main, productId) {
  const summary = h('dl', { class: 'summary' });
  const outcome = h('div', { class: 'outcome' });
  const canWrite = hasScope(WRITE);
  const units = h('input', { id: 'restock-units', name: 'quantity', type: 'number', min: 1, max: 1000000, required: true, value: 10 });
  const name = h('input', { id: 'edit-name', name: 'name', maxlength: 200, autocomplete: 'off' });
  const threshold = h('input', { id: 'edit-threshold', name: 'lowStockThreshold', type: 'number', min: 0, max: 1000000 });

  const submit = (method, suffix, body, done) => async (e) => {
    e.preventDefault();
    try {
      const product = await call(method, path('inventory', 'products', productId) + suffix, body());
      fill(outcome, message(done(product)));
      await refresh();
    } catch (error) {
      fill(outcome, message(`Refused - ${error.message}`, 'error'));
    }
  };

  fill(main,
    h('p', { class: 'back' }, h('a', { href: '#/stock' }, '← All products')),
    h('h1', {}, 'Product ', h('span', { class: 'id' }, productId)),
    summary,
    outcome,
    canWrite ? [
      h('h2', {}, 'Restock'),
      h('form', { class: 'inline-form', id: 'restock', onsubmit: submit('POST', '/restock', () => ({ quantity: Number(units.value) }),
        (p) => `Restocked: ${p.available} available.`) },
      h('div', {}, h('label', { for: 'restock-units' }, 'Units to add'), units),
      h('button', { type: 'submit' }, 'Restock')),
      h('h2', {}, 'Edit'),
      h('form', { class: 'inline-form', id: 'edit', onsubmit: submit('PUT', '', () => {
        const body = {};
        if (name.value.trim()) body.name = name.value.trim();
        if (threshold.value !== '') body.lowStockThreshold = Number(threshold.value);
        return body;
      }, () => 'Saved.') },
      h('div', {}, h('label', { for: 'edit-name' }, 'Name'), name),
      h('div', {}, h('label', { for: 'edit-threshold' }, 'Low-stock threshold'), threshold),
      h('button', { type: 'submit' }, 'Save')),
    ] : h('p', { class: 'note' }, 'Restocking and editing need the warehouse role.'));

  let first = true;
  const refresh = async () => {
    const product = await call('GET', path('inventory', 'products', productId));
    fill(summary,
      h('dt', {}, 'Name'), h('dd', {}, product.name || '–'),
      h('dt', {}, 'Available'), h('dd', { id: 'product-available' }, product.available),
      h('dt', {}, 'Reserved'), h('dd', {}, product.reserved),
      h('dt', {}, 'Low-stock threshold'), h('dd', {}, product.lowStockThreshold),
      h('dt', {}, 'Level'), h('dd', {}, levelBadge(product)),
      h('dt', {}, 'Last change'), h('dd', {}, time(product.updatedAt)));
    if (first) {
      first = false;
      name.value = product.name || '';
      threshold.value = product.lowStockThreshold;
    }
  };
  return refresh;
}
