// The editor page: analyze pasted text or a stored article, show its evidence and summary in the text,
// tick topics and the section and save them (PATCH /v1/articles/{id}/labels), see the history, walk the
// review queue.
"use strict";
(() => {
  const $ = id => document.getElementById(id);
  const state = { articleId: null, analysis: null, stored: null, me: null, queue: [], cursor: -1 };

  function status(text) { $("status").textContent = text || ""; }
  function fail(error) { $("error").textContent = error ? String(error.message || error) : ""; status(""); }
  const canEdit = () => state.me && state.me.role === "editor";

  // -- the text with its highlights -------------------------------------------------------------------
  function pattern(phrase) {  // the phrase as written, any run of white space between its words
    const words = phrase.trim().split(/\s+/).map(w => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    return new RegExp(words.join("\\s+"), "giu");
  }

  function ranges(text, phrase) {
    const out = [];
    if (!phrase || !phrase.trim()) return out;
    for (const m of text.matchAll(pattern(phrase))) out.push([m.index, m.index + m[0].length]);
    return out;
  }

  function renderText(text, summary, topics) {
    const marks = [];  // [start, end, kind, topic]
    for (const s of summary) for (const [a, b] of ranges(text, s.text).slice(0, 1)) marks.push([a, b, "sum", null]);
    for (const t of topics) for (const e of t.evidence || []) for (const [a, b] of ranges(text, e)) marks.push([a, b, "ev", t.id]);
    const cuts = new Set([0, text.length]);
    for (const [a, b] of marks) { cuts.add(a); cuts.add(b); }
    const points = [...cuts].sort((x, y) => x - y);
    let html = "";
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i], points[i + 1]];
      const over = marks.filter(m => m[0] <= a && m[1] >= b);
      let piece = NLP.escape(text.slice(a, b));
      const ev = [...new Set(over.filter(m => m[2] === "ev").map(m => m[3]))];
      if (ev.length) piece = `<mark class="ev" data-topics="${NLP.escape(ev.join(" "))}">${piece}</mark>`;
      if (over.some(m => m[2] === "sum")) piece = `<span class="sum">${piece}</span>`;
      html += piece;
    }
    $("text").innerHTML = html;
  }

  function hot(topicId, on) {
    for (const m of document.querySelectorAll("#text mark.ev")) {
      m.classList.toggle("hot", on && m.dataset.topics.split(" ").includes(topicId));
    }
  }

  // -- topics and section -----------------------------------------------------------------------------
  async function renderLabels() {
    const labels = await NLP.getLabels();
    const a = state.analysis;
    const ticked = new Set(state.stored ? state.stored.topics.map(t => t.id) : a.topics.map(t => t.id));
    const evidence = Object.fromEntries(a.topics.map(t => [t.id, t.evidence]));
    const scores = a.all_scores || {};
    const order = labels.topics.map(t => t.id).sort((x, y) => (ticked.has(y) - ticked.has(x)) || ((scores[y] || 0) - (scores[x] || 0)));
    const list = $("topics");
    list.replaceChildren();
    order.forEach((id, i) => {
      const label = labels.topics.find(t => t.id === id);
      const score = scores[id];
      const box = NLP.el("input", { type: "checkbox", id: "topic-" + id, value: id, checked: ticked.has(id),
                                    disabled: !canEdit(), "aria-keyshortcuts": i < 9 ? String(i + 1) : null });
      const bar = NLP.el("span", { class: "bar" }, NLP.el("span", { style: `width:${Math.round((score || 0) * 100)}%` }));
      if (label.threshold != null) bar.append(NLP.el("i", { style: `left:${Math.round(label.threshold * 100)}%`,
                                                            title: "ngưỡng " + label.threshold.toFixed(2) }));
      const item = NLP.el("li", { class: ticked.has(id) ? "assigned" : "", "data-topic": id },
        box,
        NLP.el("label", { for: "topic-" + id, class: "name", title: label.description }, (i < 9 ? `${i + 1}. ` : "") + label.name),
        NLP.el("span", { class: "score" }, bar, score == null ? "—" : score.toFixed(2)));
      if (evidence[id] && evidence[id].length) item.append(NLP.el("span", { class: "evidence" }, "bằng chứng: " + evidence[id].join(" · ")));
      item.addEventListener("mouseenter", () => hot(id, true));
      item.addEventListener("mouseleave", () => hot(id, false));
      box.addEventListener("focus", () => hot(id, true));
      box.addEventListener("blur", () => hot(id, false));
      list.append(item);
    });
    const section = $("section");
    section.replaceChildren(...labels.sections.map(s => NLP.el("option", { value: s.id }, s.name)));
    section.value = state.stored ? state.stored.section.id : a.section.id;
    section.disabled = !canEdit();
    $("section-score").textContent = `mô hình: ${NLP.sectionName(a.section.id)} (${a.section.score.toFixed(2)})`
      + (state.stored && state.stored.section.by_editor ? " · biên tập viên đã sửa" : "");
    $("article-ref").textContent = state.articleId ? `— bài số ${state.articleId}` : "— chưa lưu vào kho";
  }

  async function analyze(text, title) {
    fail(null);
    status("Đang phân tích…");
    state.analysis = await NLP.call("POST", "/v1/analyze", { text, title: title || null, all_scores: true, include_text: true });
    renderText(state.analysis.text || "", state.analysis.summary.sentences, state.analysis.topics);
    await renderLabels();
    $("result").classList.remove("hidden");
    status(`Xong: ${state.analysis.topics.length} chủ đề, ${state.analysis.meta.sentences} câu, ${state.analysis.meta.elapsed_ms} ms.`);
  }

  async function analyzeInput() {
    state.articleId = null; state.stored = null;
    $("history-box").classList.add("hidden");
    try { await analyze($("input").value, $("title").value.trim()); } catch (e) { fail(e); }
  }

  async function openArticle(id) {
    fail(null);
    try {
      state.stored = await NLP.call("GET", `/v1/articles/${id}`);
      state.articleId = state.stored.id;
      $("article-id").value = id;
      $("input").value = state.stored.text;
      $("title").value = state.stored.title || "";
      await analyze(state.stored.text, state.stored.title);
      await loadHistory();
    } catch (e) { fail(e); }
  }

  async function save() {
    if (!canEdit() || !state.analysis) return;
    fail(null);
    try {
      if (!state.articleId) {
        status("Đang lưu bài vào kho…");
        const body = { text: $("input").value };
        if ($("title").value.trim()) body.title = $("title").value.trim();
        state.articleId = (await NLP.call("POST", "/v1/articles", body)).id;
      }
      const topics = [...document.querySelectorAll("#topics input:checked")].map(b => b.value);
      state.stored = await NLP.call("PATCH", `/v1/articles/${state.articleId}/labels`, { topics, section: $("section").value });
      await renderLabels();
      await loadHistory();
      status(`Đã lưu nhãn của bài số ${state.articleId}.`);
      loadQueue();
    } catch (e) { fail(e); }
  }

  async function loadHistory() {
    const rows = await NLP.call("GET", `/v1/articles/${state.articleId}/corrections`);
    $("history").replaceChildren(...rows.map(c => NLP.el("tr", {},
      NLP.el("td", {}, NLP.date(c.corrected_at)), NLP.el("td", {}, c.editor),
      NLP.el("td", {}, c.section ? NLP.sectionName(c.section) : "—"),
      NLP.el("td", {}, c.topics ? c.topics.map(NLP.topicName).join(", ") || "(không chủ đề)" : "—"),
      NLP.el("td", { class: "muted" }, NLP.sectionName(c.previous_section) + "; " + c.previous_topics.map(t => NLP.topicName(t.id)).join(", ")))));
    if (!rows.length) $("history").append(NLP.el("tr", {}, NLP.el("td", { colspan: 5, class: "muted" }, "Chưa ai sửa bài này.")));
    $("history-box").classList.remove("hidden");
  }

  // -- review queue -----------------------------------------------------------------------------------
  async function loadQueue() {
    const list = $("queue");
    try {
      state.queue = (await NLP.call("GET", "/v1/review?limit=30")).items;
    } catch (e) {
      list.replaceChildren(NLP.el("li", { class: "muted" }, e.message));
      return;
    }
    list.replaceChildren(...state.queue.map((item, i) => {
      const li = NLP.el("li", { role: "option", id: "q-" + item.id, "aria-selected": i === state.cursor ? "true" : "false" },
        NLP.el("span", { class: "t" }, `#${item.id} ${item.title || item.text_start || ""}`),
        NLP.el("span", { class: "m" }, `${NLP.topicName(item.nearest_topic)}: cách ngưỡng ${item.margin.toFixed(3)}`));
      li.addEventListener("click", () => { select(i); openArticle(item.id); });
      return li;
    }));
    if (!state.queue.length) list.append(NLP.el("li", { class: "muted" }, "Không còn bài nào chờ duyệt."));
  }

  function select(i) {
    if (!state.queue.length) return;
    state.cursor = Math.max(0, Math.min(state.queue.length - 1, i));
    for (const li of document.querySelectorAll("#queue li")) li.setAttribute("aria-selected", "false");
    const li = $("q-" + state.queue[state.cursor].id);
    li.setAttribute("aria-selected", "true");
    li.scrollIntoView({ block: "nearest" });
  }

  // -- keys -------------------------------------------------------------------------------------------
  document.addEventListener("keydown", event => {
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter") { event.preventDefault(); analyzeInput(); return; }
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") { event.preventDefault(); save(); return; }
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName) && event.target.type !== "checkbox";
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (/^[1-9]$/.test(event.key)) {
      const box = document.querySelectorAll("#topics input")[Number(event.key) - 1];
      if (box && !box.disabled) { box.checked = !box.checked; box.focus(); }
    } else if (event.key === "j" || event.key === "k") {
      select(state.cursor + (event.key === "j" ? 1 : -1));
    } else if (event.key === "Enter" && event.target.id === "queue" && state.cursor >= 0) {
      openArticle(state.queue[state.cursor].id);
    }
  });

  $("analyze").addEventListener("click", analyzeInput);
  $("save").addEventListener("click", save);
  $("open").addEventListener("click", () => $("article-id").value && openArticle($("article-id").value));
  $("reload-queue").addEventListener("click", loadQueue);

  (async () => {
    const refresh = async me => {
      state.me = me;
      try { await NLP.getLabels(); } catch (e) { fail(e); }
      if (state.analysis) await renderLabels();
      loadQueue();
    };
    await refresh(await NLP.setupAuth(refresh));
    const wanted = new URLSearchParams(location.search).get("article");
    if (wanted) openArticle(wanted);
  })();
})();
