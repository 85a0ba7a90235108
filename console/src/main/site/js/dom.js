// Small DOM helpers: every text from the API goes in as a text node, never as HTML.

/** An element with attributes (on* keys become listeners) and children (strings become text nodes). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces what {@code element} holds. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** A date and time in the reader's locale, with the exact instant as the title. */
export function time(instant) {
  if (!instant) return '';
  const date = new Date(instant);
  return h('time', { datetime: instant, title: instant }, date.toLocaleString());
}

/** "3 s", "4 min", "2 h 5 min". */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A status as a badge; its words are the status, so the colour is never the only cue. */
export function badge(status) {
  return h('span', { class: `badge badge-${String(status).toLowerCase().replaceAll('_', '-')}` },
    String(status).replaceAll('_', ' '));
}

/** A message region for the outcome of an action: role=alert for errors, status for the rest. */
export function message(text, kind = 'info') {
  return h('p', { class: `message message-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}
