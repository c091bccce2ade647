// Casework console behaviour: keyboard shortcuts, dialogs, live updates. No inline scripts (CSP).
(function () {
  "use strict";
  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));
  const typing = (el) => el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

  // Queue rows: click anywhere opens; j/k move; Enter opens.
  function rows() { return $$("table[data-queue] tr.row"); }
  let selected = -1;
  let selectedHref = null; // survives a live refresh of the rows
  function select(i) {
    const r = rows(); if (!r.length) return;
    selected = Math.max(0, Math.min(i, r.length - 1));
    selectedHref = r[selected].dataset.href;
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
  let lastNav = 0; // when the agent last moved through the queue with the keyboard
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
    if (act) { e.preventDefault(); if (e.key === "j" || e.key === "k") lastNav = Date.now(); act(); }
  });

  document.addEventListener("change", (e) => {
    if (e.target.matches("select[data-autosubmit]")) e.target.form.submit();
  });

  // After a successful HTMX action: clear the composer, close the dialog, clear old errors.
  document.body.addEventListener("htmx:afterRequest", (e) => {
    const form = e.detail.elt.closest ? e.detail.elt.closest("form") : null;
    if (!e.detail.successful || !form) return;
    $("#flash").innerHTML = "";
    if (form.hasAttribute("data-reset-on-success")) form.reset();
    if (form.hasAttribute("data-close-on-success")) { const d = form.closest("dialog"); if (d) d.close(); }
  });

  // A failed action in a dialog shows its error inside that dialog: a modal covers #flash.
  const dialogErrorSlot = (elt) => {
    const d = elt && elt.closest ? elt.closest("dialog") : null;
    return d ? d.querySelector("[data-dialog-error]") : null;
  };
  document.body.addEventListener("htmx:beforeSwap", (e) => {
    if (!e.detail.isError) return;
    // beforeSwap fires on the (already re-targeted) swap target; the form is in requestConfig.
    const slot = dialogErrorSlot(e.detail.requestConfig && e.detail.requestConfig.elt);
    if (slot) e.detail.target = slot;
  });
  document.body.addEventListener("htmx:beforeRequest", (e) => {
    const slot = dialogErrorSlot(e.detail.elt);
    if (slot) slot.innerHTML = "";
  });
  document.addEventListener("close", (e) => {  // a reopened dialog starts without the old error
    const slot = e.target.matches && e.target.matches("dialog") ? e.target.querySelector("[data-dialog-error]") : null;
    if (slot) slot.innerHTML = "";
  }, true);

  // "Why this triage?" stays open across the card's reloads (after a correction or a live update).
  document.addEventListener("toggle", (e) => {
    if (e.target.id === "triage-why") sessionStorage.setItem("triage-why-open", e.target.open ? "1" : "");
  }, true);
  document.body.addEventListener("htmx:afterSettle", () => {
    const why = document.getElementById("triage-why");
    if (why && !why.open && sessionStorage.getItem("triage-why-open")) why.open = true;
  });

  // Live updates: the server says "case changed"; we refetch the live region (never the composer).
  const caseId = document.body.dataset.case;
  // Presence: who else has this case open, and who is typing (so two agents don't answer at once).
  const present = new Map();
  function renderPresence() {
    const box = $("#presence"); if (!box) return;
    const people = Array.from(present.values());
    box.hidden = people.length === 0;
    box.textContent = people.map((p) => p.typing ? `${p.name} is typing…` : `${p.name} is viewing`).join(" · ");
  }
  function connect(path, onMessage, onOpen) {
    const proto = location.protocol === "https:" ? "wss" : "ws";
    let delay = 1000;
    let socket = null;
    function open() {
      socket = new WebSocket(`${proto}://${location.host}${path}`);
      socket.onmessage = (m) => onMessage(JSON.parse(m.data));
      socket.onopen = () => { delay = 1000; document.body.dataset.live = "on"; if (onOpen) onOpen(); };
      socket.onclose = () => {
        document.body.dataset.live = "off"; present.clear(); renderPresence();
        setTimeout(open, delay); delay = Math.min(delay * 2, 30000);
      };
    }
    open();
    return { send: (obj) => { if (socket && socket.readyState === 1) socket.send(JSON.stringify(obj)); } };
  }
  // Team queue: a change notice refetches the first page of rows (same filters, from the URL),
  // debounced, and not while the agent is moving through the rows with j/k.
  // An empty team queue listens too: its first case brings the table (#main is refetched).
  const queue = $("table[data-queue][data-team]") || $("[data-empty-team]");
  if (queue && !caseId) {
    let timer = null;
    const refresh = () => {
      timer = null;
      if (Date.now() - lastNav < 3000 || $("dialog[open]")) { schedule(1000); return; }
      const url = new URL(window.location.href);
      url.searchParams.delete("cursor");
      if (!$("#queue-rows")) {
        htmx.ajax("GET", url.pathname + url.search, { target: "#main", select: "#main", swap: "outerHTML" });
        return;
      }
      htmx.ajax("GET", url.pathname + url.search, { target: "#queue-rows", swap: "innerHTML", headers: { "X-Queue-Rows": "1" } })
        .then(() => {  // keep the agent's place: the same case stays selected if it is still listed
          const r = rows();
          const i = selectedHref ? r.findIndex((row) => row.dataset.href === selectedHref) : -1;
          selected = i;
          if (i >= 0) r[i].classList.add("selected"); else selectedHref = null;
        });
    };
    const schedule = (ms) => { if (!timer) timer = setTimeout(refresh, ms); };
    // On (re)connect, catch up once: a change between rendering the page and subscribing, or
    // while the socket was down, would otherwise be missed.
    connect(`/ws/teams/${queue.dataset.team || queue.dataset.emptyTeam}/`, () => schedule(500), () => schedule(50));
  }

  if (caseId) {
    const live = connect(`/ws/cases/${caseId}/`, (msg) => {
      if (msg.presence) {
        if (msg.presence === "left") present.delete(msg.who.id);
        else present.set(msg.who.id, { name: msg.who.name, typing: msg.presence === "typing" });
        renderPresence();
        return;
      }
      htmx.ajax("GET", document.body.dataset.liveUrl, { target: "#case-live", swap: "innerHTML" });
    });
    let typingTimer = null;
    document.addEventListener("input", (e) => {
      if (e.target.id !== "composer-body") return;
      if (!typingTimer) live.send({ typing: true });
      clearTimeout(typingTimer);
      typingTimer = setTimeout(() => { live.send({ typing: false }); typingTimer = null; }, 3000);
    });
  }
})();
