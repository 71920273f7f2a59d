'use strict';

// Reads Tollgate's public API with the admin key the person enters; the key stays in this tab's
// sessionStorage and is never part of the page. Every value is written with textContent, since
// customer ids, codes and reasons come from API callers.
(() => {
  const KEY = 'tollgate.admin-key';
  const REFRESH_MS = 2000;
  const RATE_WINDOW_MS = 10000;
  const REJECTION_WINDOW_MS = 60000;

  const samples = [];
  const planVersions = new Map();
  let selectedSubscription = null;
  let timer = null;

  class KeyRefused extends Error {}

  const $ = (id) => document.getElementById(id);

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => {
      if (value !== null && value !== undefined) {
        node.setAttribute(name, value);
      }
    });
    children.flat().forEach((child) => node.append(child instanceof Node ? child : String(child ?? '')));
    return node;
  }

  async function api(path) {
    const response = await fetch(path, {
      headers: {Authorization: 'Bearer ' + sessionStorage.getItem(KEY), Accept: 'application/json'},
      cache: 'no-store',
    });
    if (response.status === 401 || response.status === 403) {
      throw new KeyRefused('the server refused this key (' + response.status + '): enter the admin key');
    }
    return response;
  }

  async function problem(response) {
    try {
      const body = await response.json();
      return body.detail || body.title || String(response.status);
    } catch (notJson) {
      return String(response.status);
    }
  }

  async function json(path) {
    const response = await api(path);
    if (!response.ok) {
      throw new Error(path + ': ' + await problem(response));
    }
    return response.json();
  }

  function asNumber(decimal) {
    return decimal === null || decimal === undefined ? null : Number(decimal);
  }

  // Units a charge includes at no cost: a graduated charge's free first range, or a package's free units.
  function includedUnits(charge) {
    const properties = charge.properties || {};
    if (charge.model === 'graduated' && Array.isArray(properties.graduated_ranges)) {
      const first = properties.graduated_ranges[0];
      if (first && first.to_value !== null && asNumber(first.per_unit_amount) === 0
          && !asNumber(first.flat_amount)) {
        return String(first.to_value);
      }
    }
    if (charge.model === 'package' && asNumber(properties.free_units) > 0) {
      return String(properties.free_units);
    }
    return null;
  }

  async function planVersion(code, version) {
    const key = code + '@' + version;
    if (!planVersions.has(key)) {
      const plan = await json('/v1/plans/' + encodeURIComponent(code) + '/versions/' + version);
      planVersions.set(key, new Map((plan.charges || []).map((charge) => [charge.code, charge])));
    }
    return planVersions.get(key);
  }

  function bar(units, included, limit) {
    const scale = asNumber(limit) ?? asNumber(included);
    if (!scale) {
      return el('span', {class: 'no-bar'}, '–');
    }
    const used = asNumber(units);
    const share = Math.min(used / scale, 1);
    const fill = el('span', {class: 'fill'});
    fill.style.width = (share * 100).toFixed(1) + '%';
    if (limit !== null && used >= asNumber(limit)) {
      fill.classList.add('at-limit');
    } else if (included !== null && used > asNumber(included)) {
      fill.classList.add('over-included');
    }
    const node = el('div', {class: 'bar', role: 'meter', 'aria-valuemin': '0', 'aria-valuemax': String(scale),
      'aria-valuenow': String(used), title: units + ' of ' + scale}, fill);
    if (included !== null && limit !== null && asNumber(included) < scale) {
      const marker = el('span', {class: 'included-mark'});
      marker.style.left = (asNumber(included) / scale * 100).toFixed(1) + '%';
      node.append(marker);
    }
    return node;
  }

  async function customerRows(customerId) {
    const response = await api('/v1/customers/' + encodeURIComponent(customerId) + '/usage');
    if (!response.ok) {
      return [el('tr', {'data-customer': customerId}, el('td', {}, customerId), el('td', {colspan: '7'},
        await problem(response)))];
    }
    const usage = await response.json();
    const charges = await planVersion(usage.plan, usage.plan_version);
    const rows = usage.charges.map((charge) => {
      const included = charges.has(charge.code) ? includedUnits(charges.get(charge.code)) : null;
      return el('tr', {'data-customer': customerId, 'data-charge': charge.code},
        el('td', {}, customerId),
        el('td', {}, usage.plan),
        el('td', {}, charge.code),
        el('td', {}, bar(charge.units, included, charge.limit)),
        el('td', {class: 'number units'}, charge.units),
        el('td', {class: 'number included'}, included ?? '–'),
        el('td', {class: 'number limit'}, charge.limit ?? '–'),
        el('td', {class: 'number amount'}, charge.amount));
    });
    rows.push(el('tr', {class: 'total', 'data-customer': customerId},
      el('td', {}, customerId), el('td', {}, usage.plan), el('td', {colspan: '5'}, 'total this period'),
      el('td', {class: 'number amount'}, usage.total_amount + ' ' + usage.currency)));
    return rows;
  }

  async function subscriptions() {
    const plans = await json('/v1/plans');
    const lists = await Promise.all(plans.map((plan) =>
      json('/v1/subscriptions?plan=' + encodeURIComponent(plan.code))));
    return lists.flat();
  }

  async function renderCustomers(all) {
    const customers = [...new Set(all.map((subscription) => subscription.customer_id))].sort();
    const rows = await Promise.all(customers.map(customerRows));
    const body = $('customers').tBodies[0];
    body.replaceChildren(...rows.flat());
    if (customers.length === 0) {
      body.append(el('tr', {}, el('td', {colspan: '8'}, 'No subscriptions yet.')));
    }
  }

  function renderSubscriptionChoice(all) {
    const select = $('subscription');
    const ids = all.map((subscription) => subscription.id);
    if (!ids.includes(selectedSubscription)) {
      const ended = all.find((subscription) => subscription.ended_at);
      selectedSubscription = ended ? ended.id : (ids[0] ?? null);
    }
    select.replaceChildren(...all.map((subscription) => el('option', {value: subscription.id},
      subscription.id + ' · ' + subscription.customer_id + ' · ' + subscription.plan
        + (subscription.ended_at ? ' · ended ' + subscription.ended_at : ''))));
    select.value = selectedSubscription ?? '';
  }

  function statementCard(statement) {
    const title = statement.kind === 'refund'
      ? 'Refund of ' + statement.adjusts
      : (statement.kind === 'opening' ? 'Opening statement ' : 'Statement ') + statement.period.start + ' – '
        + statement.period.end + (statement.final ? ' (final)' : '');
    const lines = (statement.lines || []).map((line) => el('tr', {},
      el('td', {}, line.type), el('td', {}, line.code),
      el('td', {class: 'number'}, line.units ?? ''), el('td', {class: 'number'}, line.amount)));
    return el('div', {class: 'statement', 'data-statement': statement.id, 'data-kind': statement.kind},
      el('h3', {}, title),
      el('table', {}, el('tbody', {}, lines,
        el('tr', {}, el('td', {colspan: '3'}, 'subtotal'), el('td', {class: 'number subtotal'},
          statement.subtotal ?? '')),
        el('tr', {class: 'total'}, el('td', {colspan: '3'}, 'total'),
          el('td', {class: 'number total-amount'}, statement.total + ' ' + statement.currency)))));
  }

  async function renderStatements() {
    const target = $('statements');
    if (!selectedSubscription) {
      target.replaceChildren(el('p', {class: 'hint'}, 'No subscription to show.'));
      return;
    }
    const response = await api('/v1/subscriptions/' + encodeURIComponent(selectedSubscription) + '/statements');
    if (!response.ok) {
      target.replaceChildren(el('p', {class: 'error'}, await problem(response)));
      return;
    }
    const statements = await response.json();
    target.replaceChildren(...(statements.length === 0
      ? [el('p', {class: 'hint'}, 'No closed period yet: a statement comes once a period ends and its late grace passed.')]
      : statements.map(statementCard)));
  }

  function parseMetrics(text) {
    const sample = {at: Date.now(), rated: null, rejected: {}};
    text.split('\n').forEach((line) => {
      const rated = /^tollgate_events_rated_total(?:\{[^}]*\})?\s+(\S+)/.exec(line);
      if (rated) {
        sample.rated = Number(rated[1]);
      }
      const rejected = /^tollgate_events_rejected_total\{[^}]*reason="([^"]+)"[^}]*\}\s+(\S+)/.exec(line);
      if (rejected) {
        sample.rejected[rejected[1]] = Number(rejected[2]);
      }
    });
    return sample;
  }

  function decided(sample) {
    return sample.rated + Object.values(sample.rejected).reduce((sum, count) => sum + count, 0);
  }

  // The oldest kept sample within the window, to compare the newest with.
  function since(windowMs, newest) {
    return samples.find((sample) => newest.at - sample.at <= windowMs && sample !== newest) ?? null;
  }

  async function renderMetrics() {
    const response = await fetch('/prometheus', {cache: 'no-store'});
    const newest = parseMetrics(await response.text());
    const body = $('rejections').tBodies[0];
    if (newest.rated === null) {
      $('events-per-second').textContent = '–';
      $('events-decided').textContent = '–';
      body.replaceChildren(el('tr', {}, el('td', {colspan: '3'}, 'No rater runs in this process.')));
      return;
    }
    samples.push(newest);
    while (newest.at - samples[0].at > REJECTION_WINDOW_MS) {
      samples.shift();
    }
    const rateBase = since(RATE_WINDOW_MS, newest);
    $('events-per-second').textContent = rateBase
      ? ((decided(newest) - decided(rateBase)) / ((newest.at - rateBase.at) / 1000)).toFixed(1) : '–';
    $('events-decided').textContent = String(decided(newest));
    const minuteBase = since(REJECTION_WINDOW_MS, newest);
    const reasons = Object.keys(newest.rejected).filter((reason) => newest.rejected[reason] > 0).sort();
    body.replaceChildren(...reasons.map((reason) => el('tr', {'data-reason': reason},
      el('td', {}, reason),
      el('td', {class: 'number count'}, String(newest.rejected[reason])),
      el('td', {class: 'number recent'}, minuteBase ? String(newest.rejected[reason]
        - (minuteBase.rejected[reason] ?? 0)) : '–'))));
    if (reasons.length === 0) {
      body.append(el('tr', {}, el('td', {colspan: '3'}, 'No event rejected.')));
    }
  }

  async function refresh() {
    try {
      const all = await subscriptions();
      renderSubscriptionChoice(all);
      await Promise.all([renderCustomers(all), renderStatements(), renderMetrics()]);
      $('status').textContent = 'updated ' + new Date().toLocaleTimeString();
      $('status').classList.remove('error');
    } catch (error) {
      if (error instanceof KeyRefused) {
        showKeyForm(error.message);
        return;
      }
      $('status').textContent = error.message;
      $('status').classList.add('error');
    }
    timer = setTimeout(refresh, REFRESH_MS);
  }

  function showKeyForm(message) {
    clearTimeout(timer);
    sessionStorage.removeItem(KEY);
    $('console').hidden = true;
    $('forget-key').hidden = true;
    $('key-form').hidden = false;
    $('key-error').hidden = !message;
    $('key-error').textContent = message || '';
  }

  function showConsole() {
    $('key-form').hidden = true;
    $('console').hidden = false;
    $('forget-key').hidden = false;
    clearTimeout(timer);
    refresh();
  }

  $('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(KEY, $('admin-key').value.trim());
    $('admin-key').value = '';
    showConsole();
  });
  $('forget-key').addEventListener('click', () => showKeyForm(null));
  $('subscription').addEventListener('change', () => {
    selectedSubscription = $('subscription').value;
    renderStatements().catch((error) => {
      $('status').textContent = error.message;
    });
  });

  if (sessionStorage.getItem(KEY)) {
    showConsole();
  } else {
    showKeyForm(null);
  }
})();
