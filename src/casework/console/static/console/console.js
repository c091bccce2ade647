// Casework console behaviour: keyboard shortcuts, dialogs, live updates. No inline scripts (CSP).
(function () {
  "use strict";
  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));
  const typing = (el) => el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

  // Queue rows: click anywhere opens; j/k move; Enter opens.
  function rows() { return $$("table[data-queue] tr.row"); }
  let selected = -1;
  function select(i) {
    const r = rows(); if (!r.length) return;
    selected = Math.max(0, Math.min(i, r.length - 1));
    r.forEach((row, n) => row.classList.toggle("selected", n === selected));
    r[selected].scrollIntoView({ block: "nearest" });
    r[selected].focus({ preventScroll: true });
  }
  document.addEventListener("click", (e) => {
    const row = e.target.closest("tr.row[data-href]");
    if (row && !e.target.closest("a, button")) window.location = row.dataset.href;
    const opener = e.target.closest("[data-open]");
    if (opener) { const d = document.getElementById(opener.dataset.open); if (d) d.showModal(); }
    if (e.target.closest("[data-close]")) { const d = e.target.closest("dialog"); if (d) d.close(); }
    if (e.target.closest("[data-help]")) $("#help").showModal();
    if (e.target.closest("[data-dismiss]")) e.target.closest(".flash").remove();
  });

  function openDialog(id) { const d = document.getElementById(id); if (d) { d.showModal(); return true; } return false; }
  function focusComposer(mode) {
    const radio = $(`#composer input[name=mode][value=${mode}]`);
    if (radio) { radio.checked = true; $("#composer-body").focus(); return true; }
    return false;
  }
  document.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && e.target.id === "composer-body") {
      e.preventDefault(); htmx.trigger($("#composer"), "submit"); return;
    }
    if (typing(e.target) || e.ctrlKey || e.metaKey || e.altKey || $("dialog[open]")) return;
    const actions = {
      "j": () => select(selected + 1), "k": () => select(selected - 1),
      "Enter": () => { const r = rows()[selected]; if (r) window.location = r.dataset.href; },
      "/": () => $("#q").focus(), "?": () => $("#help").showModal(),
      "r": () => focusComposer("reply"), "n": () => focusComposer("note"),
      "a": () => openDialog("dlg-assign"), "e": () => openDialog("dlg-transfer"), "s": () => openDialog("dlg-status"),
    };
    const act = actions[e.key];
    if (act) { e.preventDefault(); act(); }
  });

  // After a successful HTMX action: clear the composer, close the dialog, clear old errors.
  document.body.addEventListener("htmx:afterRequest", (e) => {
    const form = e.detail.elt.closest ? e.detail.elt.closest("form") : null;
    if (!e.detail.successful || !form) return;
    $("#flash").innerHTML = "";
    if (form.hasAttribute("data-reset-on-success")) form.reset();
    if (form.hasAttribute("data-close-on-success")) { const d = form.closest("dialog"); if (d) d.close(); }
  });

  // Live updates: the server says "case changed"; we refetch the live region (never the composer).
  const caseId = document.body.dataset.case;
  function connect(path, onMessage) {
    const proto = location.protocol === "https:" ? "wss" : "ws";
    let delay = 1000;
    function open() {
      const ws = new WebSocket(`${proto}://${location.host}${path}`);
      ws.onmessage = (m) => onMessage(JSON.parse(m.data));
      ws.onopen = () => { delay = 1000; document.body.dataset.live = "on"; };
      ws.onclose = () => { document.body.dataset.live = "off"; setTimeout(open, delay); delay = Math.min(delay * 2, 30000); };
    }
    open();
  }
  if (caseId) {
    connect(`/ws/cases/${caseId}/`, () => {
      htmx.ajax("GET", document.body.dataset.liveUrl, { target: "#case-live", swap: "innerHTML" });
    });
  }
})();
