/* global document, window, Node, CSS */
/**
 * The support console: a plain ES module, no build step, talking to the API's /graphql like any
 * client (the same token, limits and masking). Search, a customer's status with the facts behind
 * it, its accounts, orders and status history, and live updates of the open customer through the
 * `customerStatusChanged` subscription over SSE. Data is only ever rendered as text.
 */
const GRAPHQL = '/graphql';
const TOKEN_KEY = 'customer-state-view.console.token';
/** After a dropped subscription, try again this much later. */
const RETRY_MS = 2000;

const ROW = 'crmId name email status { value }';
const QUERIES = {
  name: `query ($v: String!) { customers(filter: { namePrefix: $v }, first: 20) { edges { node { ${ROW} } } } }`,
  email: `query ($v: String!) { customers(filter: { email: $v }, first: 20) { edges { node { ${ROW} } } } }`,
  ref: `query ($system: SourceSystem!, $v: String!) { customerByRef(system: $system, key: $v) { ${ROW} } }`,
  customer: `query ($id: ID!) { customer(id: $id) {
    crmId name email phone vipLevel asOf
    status { value rule since explanation { system key rawValue meaning changedAt } }
    billingAccounts { accountNo state rawValue currentBalance { amount currency } updatedAt }
    orders(first: 10) { totalCount edges { node { orderNo status rawValue total { amount currency } placedAt } } }
    statusHistory(first: 50) { totalCount edges { node {
      version status previousStatus rule since recordedAt evidenceCount evidence { system key rawValue meaning }
    } } }
  } }`,
  follow: `subscription ($id: ID) { customerStatusChanged(customerId: $id) { customerId version status previousStatus removed } }`,
};

const $ = (selector) => document.querySelector(selector);
let token = sessionStorage.getItem(TOKEN_KEY) ?? '';
/** The customer on screen and its subscription. */
let current = { crmId: null, follow: null };

/** An element with attributes and children; strings become text nodes, never markup. */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c != null) node.append(c instanceof Node ? c : String(c));
  return node;
}
const badge = (status) =>
  el('span', { class: `badge ${status ?? ''}`, 'data-status': status ?? '' }, status ?? '—');
/** Times in UTC as the sources and the API give them, to the second. */
const time = (iso) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC` : '—');
const fact = (e) => `${e.system} ${e.key}: ${e.rawValue} (${e.meaning})`;

function headers(accept) {
  const h = { 'content-type': 'application/json', accept };
  if (token) h.authorization = `Bearer ${token}`;
  return h;
}

/** A query's data; a GraphQL error becomes an Error with its code (partial data is kept on it). */
async function gql(query, variables) {
  const res = await fetch(GRAPHQL, {
    method: 'POST',
    headers: headers('application/graphql-response+json, application/json'),
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json().catch(() => ({}));
  if (body.errors?.length) {
    const error = new Error(body.errors.map((e) => e.message).join('; '));
    error.code = body.errors[0].extensions?.code;
    error.data = body.data;
    throw error;
  }
  if (!res.ok || !body.data) throw new Error(`the API answered HTTP ${res.status}`);
  return body.data;
}

function say(text, isError = false) {
  const m = $('#message');
  m.textContent = text;
  m.className = isError ? 'error' : '';
}
function sayError(e) {
  if (e.code === 'UNAUTHENTICATED' || e.code === 'FORBIDDEN') $('#auth').open = true;
  say(`${e.code ? `${e.code}: ` : ''}${e.message}`, true);
}

async function search(kind, text) {
  const v = text.trim();
  say('Searching…');
  $('#results').replaceChildren();
  try {
    let found;
    if (kind === 'name' || kind === 'email') {
      found = (await gql(QUERIES[kind], { v }))[`customers`].edges.map((e) => e.node);
    } else {
      const one = (await gql(QUERIES.ref, { system: kind, v })).customerByRef;
      found = one ? [one] : [];
    }
    say(found.length === 0 ? 'No customer found.' : `${found.length} found.`);
    $('#results').replaceChildren(
      ...found.map((c) =>
        el(
          'li',
          {},
          el(
            'button',
            { type: 'button', 'data-crm-id': c.crmId, onclick: () => open(c.crmId) },
            el(
              'span',
              {},
              el('strong', {}, c.name ?? '(no name)'),
              el('br'),
              el('span', { class: 'muted' }, `#${c.crmId} · ${c.email ?? ''}`),
            ),
            badge(c.status.value),
          ),
        ),
      ),
    );
    if (found.length === 1) await open(found[0].crmId);
  } catch (e) {
    sayError(e);
  }
}

async function open(crmId, flash) {
  window.location.hash = `#/customer/${encodeURIComponent(crmId)}`;
  let customer;
  try {
    ({ customer } = await gql(QUERIES.customer, { id: crmId }));
  } catch (e) {
    // A nullable part that failed (the orders, say) leaves the rest worth showing.
    sayError(e);
    customer = e.data?.customer;
    if (!customer) return;
  }
  if (!customer) {
    say(`Customer ${crmId} is not in the view (deleted in CRM?).`, true);
    return;
  }
  render(customer, flash);
  if (current.crmId !== crmId) void follow(crmId);
  current.crmId = crmId;
}

function render(c, flash) {
  const s = c.status;
  const orders = c.orders?.edges.map((e) => e.node) ?? [];
  const history = c.statusHistory.edges.map((e) => e.node);
  // The search result of this customer shows the status now on screen too.
  for (const b of document.querySelectorAll(`#results button[data-crm-id="${CSS.escape(c.crmId)}"] .badge`))
    b.replaceWith(badge(s.value));
  $('#customer').hidden = false;
  // A wrapper, so that an absent part (no flash) is dropped like any null child.
  $('#customer').replaceChildren(
    ...el(
      'div',
      {},
      el('h2', {}, c.name ?? '(no name)', ' ', el('span', { class: 'muted' }, `#${c.crmId}`)),
      el(
        'div',
        { class: 'muted' },
        `${c.email ?? 'no email'} · ${c.phone ?? 'no phone'} · VIP ${c.vipLevel} · view as of ${time(c.asOf)}`,
      ),
      flash ? el('div', { class: 'flash', id: 'flash' }, flash) : null,
      el('div', { class: 'status-line' }, badge(s.value), el('span', { id: 'status-rule' }, s.rule)),
      el('div', { class: 'muted' }, `since ${time(s.since)}`),
      el('h3', {}, 'Why: the facts behind the rule'),
      table(
        ['System', 'Key', 'Raw code', 'Meaning', 'Changed'],
        s.explanation.map((e) => [e.system, e.key, e.rawValue, e.meaning, time(e.changedAt)]),
      ),
      el('h3', {}, `Billing accounts (${c.billingAccounts.length})`),
      table(
        ['Account', 'State', 'Raw', 'Balance', 'Updated'],
        c.billingAccounts.map((a) => [
          a.accountNo,
          a.state,
          a.rawValue,
          `${a.currentBalance.amount} ${a.currentBalance.currency}`,
          time(a.updatedAt),
        ]),
      ),
      el('h3', {}, `Orders (${orders.length} of ${c.orders?.totalCount ?? '?'}, newest first)`),
      table(
        ['Order', 'Status', 'Raw', 'Total', 'Placed'],
        orders.map((o) => [
          o.orderNo,
          o.status,
          o.rawValue,
          `${o.total.amount} ${o.total.currency}`,
          time(o.placedAt),
        ]),
      ),
      el(
        'h3',
        {},
        `Status history (${c.statusHistory.totalCount} ${c.statusHistory.totalCount === 1 ? 'change' : 'changes'}, newest first)`,
      ),
      el(
        'ol',
        { class: 'timeline', id: 'history' },
        history.map((h) =>
          el(
            'li',
            { 'data-version': String(h.version) },
            el(
              'div',
              {},
              h.previousStatus ? badge(h.previousStatus) : el('span', { class: 'muted' }, 'new'),
              ' → ',
              badge(h.status),
            ),
            el('div', { class: 'rule' }, h.rule),
            el(
              'div',
              { class: 'evidence' },
              h.evidence.map(fact).join(' · '),
              h.evidenceCount > h.evidence.length ? ` · and ${h.evidenceCount - h.evidence.length} more` : '',
            ),
            el(
              'div',
              { class: 'when' },
              `took hold ${time(h.since)} · seen by the view ${time(h.recordedAt)} · version ${h.version}`,
            ),
          ),
        ),
      ),
    ).childNodes,
  );
}

function table(head, rows) {
  if (rows.length === 0) return el('p', { class: 'muted' }, 'None.');
  return el(
    'table',
    {},
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        head.map((h) => el('th', {}, h)),
      ),
    ),
    el(
      'tbody',
      {},
      rows.map((r) =>
        el(
          'tr',
          {},
          r.map((v) => el('td', {}, v)),
        ),
      ),
    ),
  );
}

function setLive(state, text) {
  const l = $('#live');
  l.className = `live ${state}`;
  l.textContent = text;
}

/** Follows one customer's status changes (SSE) until another customer is opened. */
async function follow(crmId) {
  current.follow?.abort();
  const ctl = new AbortController();
  current.follow = ctl;
  setLive('retry', 'connecting…');
  try {
    const res = await fetch(GRAPHQL, {
      method: 'POST',
      headers: headers('text/event-stream'),
      body: JSON.stringify({ query: QUERIES.follow, variables: { id: crmId } }),
      signal: ctl.signal,
    });
    if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
    setLive('on', `live: #${crmId}`);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: ?(.*)$/m.exec(message)?.[1];
        const data = message
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trim())
          .join('\n');
        if (event === 'next' && data) await changed(crmId, JSON.parse(data));
      }
    }
  } catch {
    // Dropped (server restart, network): tried again below unless the user moved on.
  }
  if (ctl.signal.aborted) return;
  setLive('retry', 'reconnecting…');
  window.setTimeout(() => {
    if (current.follow === ctl) void follow(crmId);
  }, RETRY_MS);
}

async function changed(crmId, payload) {
  const c = payload.data?.customerStatusChanged;
  if (!c || current.crmId !== crmId) return;
  const what = c.removed ? 'removed (CRM deleted it)' : `${c.previousStatus ?? 'new'} → ${c.status}`;
  await open(crmId, `Updated live: ${what} (version ${c.version})`);
}

function start() {
  $('#token').value = token;
  $('#token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    token = $('#token').value.trim();
    sessionStorage.setItem(TOKEN_KEY, token);
    $('#auth').open = false;
    say(token ? 'Token set.' : 'No token.');
    if (current.crmId) {
      const crmId = current.crmId;
      current.crmId = null;
      void open(crmId);
    }
  });
  $('#search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void search($('#search-kind').value, $('#search-text').value);
  });
  const linked = /^#\/customer\/(.+)$/.exec(window.location.hash);
  if (linked) void open(decodeURIComponent(linked[1]));
}

start();
