/**
 * The live task monitor's page and style sheet, served as they are (no build step): the page is
 * a frame the script (dashboard-script.ts) fills; every value from a task is put in with
 * `textContent`, never as HTML. The content security policy (dashboard.ts) allows only these
 * same-origin files, no inline script or style.
 */

/** The page, with its base path and whether it asks for a token in data attributes. */
export function dashboardHtml(config: { base: string; auth: boolean }): string {
  const base = escapeHtml(config.base);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>mcp-tasks · task monitor</title>
<link rel="stylesheet" href="${base}/app.css">
<script src="${base}/app.js" defer></script>
</head>
<body data-base="${base}" data-auth="${config.auth ? 'token' : 'none'}">
<header>
  <h1>Task monitor</h1>
  <span id="viewer"></span>
  <span id="connection" class="state">connecting…</span>
</header>
<form id="login" hidden>
  <label>Bearer token <input id="token" type="password" autocomplete="off" required></label>
  <button type="submit">Show my tasks</button>
  <span id="login-error" role="alert"></span>
</form>
<main id="main" hidden>
  <section id="counts" aria-label="Counts"></section>
  <form id="filters" aria-label="Filters">
    <label>Status <select id="f-status"><option value="">any</option><option value="active">active</option><option>working</option><option>input_required</option><option>completed</option><option>failed</option><option>cancelled</option></select></label>
    <label>Tool <select id="f-tool"><option value="">any</option></select></label>
    <label id="f-owner-label" hidden>Owner <select id="f-owner"><option value="">any</option></select></label>
    <label>Search <input id="f-text" type="search" placeholder="task id, message"></label>
  </form>
  <p id="notice" role="status"></p>
  <table>
    <thead><tr><th>Status</th><th>Tool</th><th class="owner-col">Owner</th><th>Age</th><th>Message</th><th>Progress</th><th>Waiting for a person</th><th>Task</th><th></th></tr></thead>
    <tbody id="tasks"></tbody>
  </table>
  <p id="empty" hidden>No tasks to show.</p>
</main>
</body>
</html>
`;
}

export const DASHBOARD_CSS = `:root { --fg: #1d2330; --muted: #5d6678; --line: #dde1ea; --bg: #f7f8fb; --card: #fff;
  --working: #1f6feb; --input: #b35900; --completed: #1a7f37; --failed: #cf222e; --cancelled: #6e7781; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
header { display: flex; gap: 1rem; align-items: baseline; padding: .75rem 1.25rem; background: var(--card); border-bottom: 1px solid var(--line); }
h1 { font-size: 1.15rem; margin: 0; }
#viewer { color: var(--muted); }
.state { margin-left: auto; font-size: .85rem; color: var(--muted); }
.state.live::before { content: "● "; color: var(--completed); }
.state.down::before { content: "● "; color: var(--failed); }
#login, main { padding: 1rem 1.25rem; }
#login { display: flex; gap: .75rem; align-items: center; }
#login[hidden], main[hidden] { display: none; }
#login-error { color: var(--failed); }
#counts { display: flex; gap: .5rem; flex-wrap: wrap; margin-bottom: .75rem; }
.count { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: .35rem .7rem; }
.count b { font-size: 1.05rem; margin-right: .3rem; }
#filters { display: flex; gap: 1rem; flex-wrap: wrap; margin-bottom: .75rem; }
#filters label { display: flex; gap: .4rem; align-items: center; color: var(--muted); }
label[hidden] { display: none !important; }
input, select, button { font: inherit; }
table { width: 100%; border-collapse: collapse; background: var(--card); border: 1px solid var(--line); }
th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
body.owner-view .owner-col { display: none; }
.badge { display: inline-block; padding: .1rem .5rem; border-radius: 999px; color: #fff; font-size: .8rem; white-space: nowrap; }
.badge.working { background: var(--working); } .badge.input_required { background: var(--input); }
.badge.completed { background: var(--completed); } .badge.failed { background: var(--failed); } .badge.cancelled { background: var(--cancelled); }
.question { background: #fff4e5; border-left: 3px solid var(--input); padding: .2rem .4rem; margin-bottom: .2rem; }
.question small { color: var(--muted); display: block; }
progress { width: 6rem; vertical-align: middle; }
.mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .8rem; color: var(--muted); }
button.cancel { color: var(--failed); background: none; border: 1px solid var(--failed); border-radius: 4px; cursor: pointer; }
#notice { min-height: 1.2em; margin: 0 0 .5rem; color: var(--muted); }
`;

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
