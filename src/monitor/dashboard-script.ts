/**
 * The live task monitor's script, served as it is to the browser (plain ES2020, no build step,
 * no dependency). It reads the event stream with fetch (so it can send the bearer token, which
 * EventSource cannot), keeps the tasks by ID, and renders the table with `textContent` only. It
 * reconnects after a dropped stream; it never polls. The only timer re-draws the ages.
 * A string here so that the package serves it without a copy step; the browser test
 * (test/monitor/dashboard-browser.test.ts) runs it in Chromium, and a unit test parses it.
 */
export const DASHBOARD_SCRIPT = String.raw`'use strict';
(function () {
  var body = document.body;
  var base = body.dataset.base;
  var needsToken = body.dataset.auth === 'token';
  var tasks = new Map();
  var offset = 0; // server time - local time
  var viewer = null;
  var token = needsToken ? sessionStorage.getItem('mcp-tasks-token') : null;
  var retry = 1000;
  var ACTIVE = { working: true, input_required: true };
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k]; else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function headers() {
    var h = { accept: 'text/event-stream, application/json' };
    if (token) h.authorization = 'Bearer ' + token;
    return h;
  }

  function state(text, cls) {
    var s = $('connection');
    s.textContent = text;
    s.className = 'state ' + (cls || '');
  }

  function showLogin(message) {
    $('login').hidden = false;
    $('main').hidden = true;
    $('login-error').textContent = message || '';
    state('signed out', 'down');
  }

  $('login').addEventListener('submit', function (e) {
    e.preventDefault();
    token = $('token').value.trim();
    sessionStorage.setItem('mcp-tasks-token', token);
    $('login').hidden = true;
    connect();
  });

  function connect() {
    state('connecting…');
    fetch(base + '/api/events', { headers: headers(), cache: 'no-store' }).then(function (res) {
      if (res.status === 401) {
        sessionStorage.removeItem('mcp-tasks-token');
        token = null;
        showLogin('That token was not accepted.');
        return;
      }
      if (!res.ok || !res.body) return Promise.reject(res.status);
      return read(res.body.getReader());
    }).catch(function () {}).then(function () {
      if (needsToken && !token) return;
      state('disconnected, reconnecting…', 'down');
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 30000);
    });
  }

  function read(reader) {
    var decoder = new TextDecoder();
    var buffer = '';
    function next() {
      return reader.read().then(function (chunk) {
        if (chunk.done) return;
        buffer += decoder.decode(chunk.value, { stream: true });
        var at;
        while ((at = buffer.indexOf('\n\n')) >= 0) {
          handle(buffer.slice(0, at));
          buffer = buffer.slice(at + 2);
        }
        return next();
      });
    }
    return next();
  }

  function handle(frame) {
    var event = 'message';
    var data = '';
    frame.split('\n').forEach(function (line) {
      if (line.indexOf('event:') === 0) event = line.slice(6).trim();
      else if (line.indexOf('data:') === 0) data += line.slice(5).trim();
    });
    if (!data) return;
    var message = JSON.parse(data);
    offset = message.serverTime - (performance.timeOrigin + performance.now()); // the page's clock, set to the server's
    if (event === 'snapshot') {
      retry = 1000;
      viewer = message.viewer;
      tasks.clear();
      message.tasks.forEach(function (t) { tasks.set(t.taskId, t); });
      $('main').hidden = false;
      body.classList.toggle('owner-view', !viewer.operator);
      $('f-owner-label').hidden = !viewer.operator;
      $('viewer').textContent = viewer.operator ? 'operator view: every owner' : 'tasks of ' + viewer.owner;
      state('live', 'live');
    } else if (event === 'task') {
      tasks.set(message.task.taskId, message.task);
    }
    render();
  }

  function serverNow() { return performance.timeOrigin + performance.now() + offset; }

  function age(ms) {
    var s = Math.max(0, Math.round(ms / 1000));
    if (s < 60) return s + ' s';
    if (s < 3600) return Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
    return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
  }

  function options(select, values) {
    var current = select.value;
    while (select.options.length > 1) select.remove(1);
    values.forEach(function (v) { select.appendChild(el('option', { text: v, value: v })); });
    select.value = values.indexOf(current) >= 0 ? current : '';
  }

  function unique(key) {
    var seen = {};
    tasks.forEach(function (t) { seen[t[key]] = true; });
    return Object.keys(seen).sort();
  }

  function visible(t) {
    var status = $('f-status').value, tool = $('f-tool').value, owner = $('f-owner').value;
    var text = $('f-text').value.trim().toLowerCase();
    if (status === 'active' ? !ACTIVE[t.status] : status && t.status !== status) return false;
    if (tool && t.tool !== tool) return false;
    if (owner && t.owner !== owner) return false;
    if (text && (t.taskId + ' ' + (t.statusMessage || '') + ' ' + t.tool).toLowerCase().indexOf(text) < 0) return false;
    return true;
  }

  function row(t) {
    var end = ACTIVE[t.status] ? serverNow() : t.lastUpdatedAt;
    var progress = null;
    if (t.progress) {
      var p = el('progress', { max: String(t.progress.total || 100), value: String(t.progress.progress) });
      var label = t.progress.total ? t.progress.progress + ' / ' + t.progress.total : String(t.progress.progress);
      progress = el('span', {}, [p, el('span', { text: ' ' + label + (t.progress.message ? ' · ' + t.progress.message : '') })]);
    }
    var questions = el('div', {}, t.questions.map(function (q) {
      return el('div', { class: 'question' }, [el('span', { text: q.message }), el('small', { text: q.method + ' · waiting ' + age(serverNow() - t.lastUpdatedAt) })]);
    }));
    var cancel = null;
    if (ACTIVE[t.status]) {
      cancel = el('button', { class: 'cancel', type: 'button', text: 'Cancel' });
      cancel.addEventListener('click', function () { cancelTask(t.taskId, cancel); });
    }
    return el('tr', { 'data-task-id': t.taskId, 'data-status': t.status }, [
      el('td', {}, [el('span', { class: 'badge ' + t.status, text: t.status })]),
      el('td', { text: t.tool }),
      el('td', { class: 'owner-col', text: t.owner }),
      el('td', { class: 'age', 'data-created': String(t.createdAt), 'data-end': ACTIVE[t.status] ? '' : String(end), text: age(end - t.createdAt) }),
      el('td', { text: t.statusMessage || '' }),
      el('td', {}, [progress]),
      el('td', {}, [questions]),
      el('td', { class: 'mono', text: t.taskId }),
      el('td', {}, [cancel]),
    ]);
  }

  function render() {
    options($('f-tool'), unique('tool'));
    options($('f-owner'), unique('owner'));
    var list = Array.from(tasks.values()).sort(function (a, b) { return b.createdAt - a.createdAt; });
    var counts = {};
    list.forEach(function (t) { counts[t.status] = (counts[t.status] || 0) + 1; });
    $('counts').replaceChildren.apply($('counts'), ['working', 'input_required', 'completed', 'failed', 'cancelled'].map(function (s) {
      return el('span', { class: 'count', 'data-count': s }, [el('b', { text: String(counts[s] || 0) }), el('span', { text: s })]);
    }));
    var shown = list.filter(visible);
    $('tasks').replaceChildren.apply($('tasks'), shown.map(row));
    $('empty').hidden = shown.length > 0;
  }

  function cancelTask(taskId, button) {
    button.disabled = true;
    var h = headers();
    h['x-mcp-tasks-dashboard'] = '1';
    fetch(base + '/api/tasks/' + encodeURIComponent(taskId) + '/cancel', { method: 'POST', headers: h }).then(function (res) {
      return res.json().then(function (answer) {
        $('notice').textContent = res.ok ? 'Cancelled ' + taskId + '.' : 'Could not cancel ' + taskId + ': ' + answer.error;
        if (!res.ok) button.disabled = false;
      });
    }).catch(function () { button.disabled = false; });
  }

  ['f-status', 'f-tool', 'f-owner', 'f-text'].forEach(function (id) { $(id).addEventListener('input', render); });

  // Ages move with time; nothing is fetched here.
  setInterval(function () {
    document.querySelectorAll('td.age').forEach(function (cell) {
      var end = cell.dataset.end ? Number(cell.dataset.end) : serverNow();
      cell.textContent = age(end - Number(cell.dataset.created));
    });
  }, 1000);

  if (needsToken && !token) showLogin(); else connect();
})();
`;
