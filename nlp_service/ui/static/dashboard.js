// The dashboard: topic counts per day, week or month from /v1/stats/topics, drawn as grouped SVG bars
// (one group per bucket, one bar per chosen topic), a totals table, a click on a bar lists its articles,
// and the same series as CSV (format=csv).
"use strict";
(() => {
  const $ = id => document.getElementById(id);
  const SVG = "http://www.w3.org/2000/svg";
  const COLOURS = ["#0b5cad", "#d9822b", "#2e9e5b", "#b8336a", "#7a5cc7", "#1b9aaa", "#c4a000", "#6b4f2a",
                   "#e4572e", "#4c6085", "#8fb339", "#a05195"];
  let labels = null;

  function status(text) { $("status").textContent = text || ""; }
  function fail(error) { $("error").textContent = error ? String(error.message || error) : ""; }
  const colour = id => COLOURS[labels.topics.findIndex(t => t.id === id) % COLOURS.length];

  function chosenTopics() { return [...document.querySelectorAll("#topic-filter input:checked")].map(b => b.value); }

  function params(extra) {
    const p = new URLSearchParams();
    p.set("interval", $("interval").value);
    if ($("since").value) p.set("since", $("since").value);
    if ($("until").value) p.set("until", $("until").value);
    if ($("section").value) p.set("section", $("section").value);
    if ($("source").value.trim()) p.set("source", $("source").value.trim());
    for (const t of chosenTopics()) p.append("topic", t);
    for (const [k, v] of Object.entries(extra || {})) p.set(k, v);
    return p;
  }

  function nextStart(iso, interval) {  // the bucket's local midnight, as the API wrote it, plus one bucket
    const [day, rest] = [iso.slice(0, 10), iso.slice(10)];
    const d = new Date(day + "T00:00:00Z");
    if (interval === "day") d.setUTCDate(d.getUTCDate() + 1);
    else if (interval === "week") d.setUTCDate(d.getUTCDate() + 7);
    else d.setUTCMonth(d.getUTCMonth() + 1);
    return d.toISOString().slice(0, 10) + rest;
  }

  function bucketLabel(iso, interval) {
    const [y, m, d] = iso.slice(0, 10).split("-");
    return interval === "month" ? `${m}/${y}` : `${d}/${m}`;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function draw(result, topics) {
    const box = $("chart");
    box.replaceChildren();
    if (!result.buckets.length || !topics.length) {
      box.append(NLP.el("p", { class: "muted" }, "Không có bài nào khớp bộ lọc."));
      return;
    }
    const W = 960, H = 320, left = 40, bottom = 40, top = 10;
    const max = Math.max(1, ...result.buckets.flatMap(b => topics.map(t => b.counts[t] || 0)));
    const groupW = (W - left - 10) / result.buckets.length;
    const barW = Math.max(1, (groupW * 0.8) / topics.length);
    const y = n => top + (H - top - bottom) * (1 - n / max);
    const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Số bài theo chủ đề" });
    for (const tick of [0, Math.round(max / 2), max]) {
      chart.append(svg("line", { x1: left, x2: W - 10, y1: y(tick), y2: y(tick), stroke: "#e3e6ec" }));
      chart.append(svg("text", { x: left - 6, y: y(tick) + 4, "text-anchor": "end" }, String(tick)));
    }
    const every = Math.ceil(result.buckets.length / 16);  // at most ~16 axis labels
    result.buckets.forEach((bucket, i) => {
      const g = svg("g", { class: "bucket", "data-start": bucket.start });
      const x0 = left + i * groupW + groupW * 0.1;
      topics.forEach((t, j) => {
        const n = bucket.counts[t] || 0;
        const rect = svg("rect", { class: "bar", x: x0 + j * barW, y: y(n), width: Math.max(1, barW - 1),
                                   height: Math.max(0, y(0) - y(n)), fill: colour(t), tabindex: 0,
                                   "data-topic": t, "data-count": n, "data-start": bucket.start });
        rect.append(svg("title", {}, `${NLP.topicName(t)} · ${bucketLabel(bucket.start, result.interval)}: ${n} bài`));
        const open = () => listArticles(t, bucket.start, nextStart(bucket.start, result.interval));
        rect.addEventListener("click", open);
        rect.addEventListener("keydown", e => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); open(); } });
        g.append(rect);
      });
      if (i % every === 0) {
        g.append(svg("text", { x: x0 + groupW * 0.4, y: H - bottom + 16, "text-anchor": "middle" },
                     bucketLabel(bucket.start, result.interval)));
      }
      chart.append(g);
    });
    box.append(chart);
    const legend = NLP.el("p", { class: "row" });
    for (const t of topics) legend.append(NLP.el("span", {}, NLP.el("span", { class: "swatch", style: `background:${colour(t)}` }), NLP.topicName(t)));
    box.append(legend);
  }

  function totals(result, topics) {
    const rows = topics.map(t => [t, result.totals[t] || 0]).sort((a, b) => b[1] - a[1]);
    $("totals").replaceChildren(...rows.map(([t, n]) => NLP.el("tr", { "data-topic": t },
      NLP.el("td", {}, NLP.el("span", { class: "swatch", style: `background:${colour(t)}` }), NLP.topicName(t)),
      NLP.el("td", { class: "num" }, String(n)))));
  }

  async function listArticles(topic, since, until) {
    fail(null);
    const p = new URLSearchParams({ topic, since, until, limit: "100" });
    if ($("section").value) p.set("section", $("section").value);
    if ($("source").value.trim()) p.set("source", $("source").value.trim());
    try {
      const page = await NLP.call("GET", "/v1/articles?" + p);
      $("h-articles").textContent = `Các bài: ${NLP.topicName(topic)}, từ ${since.slice(0, 10)} đến trước ${until.slice(0, 10)}`
        + (page.next_cursor ? " (100 bài đầu)" : ` (${page.items.length} bài)`);
      $("articles").replaceChildren(...page.items.map(a => NLP.el("tr", {},
        NLP.el("td", {}, NLP.el("a", { href: `/ui/?article=${a.id}` }, String(a.id))),
        NLP.el("td", {}, NLP.date(a.published_at || a.created_at)),
        NLP.el("td", {}, a.title || a.text.slice(0, 80)), NLP.el("td", {}, a.source || ""),
        NLP.el("td", {}, a.topics.map(t => t.name).join(", ")))));
      $("articles-box").classList.remove("hidden");
      $("articles-box").scrollIntoView({ block: "nearest" });
    } catch (e) { fail(e); }
  }

  async function show() {
    fail(null);
    status("Đang tải…");
    try {
      const result = await NLP.call("GET", "/v1/stats/topics?" + params());
      const chosen = chosenTopics();
      const topics = chosen.length ? chosen : labels.topics.map(t => t.id).filter(t => result.totals[t]);
      draw(result, topics);
      totals(result, topics);
      status(`${result.buckets.length} mốc thời gian (${result.timezone}).`);
    } catch (e) { fail(e); status(""); }
  }

  async function setup() {
    labels = await NLP.getLabels();
    $("section").append(...labels.sections.map(s => NLP.el("option", { value: s.id }, s.name)));
    $("topic-filter").replaceChildren(...labels.topics.map(t => NLP.el("label", {},
      NLP.el("input", { type: "checkbox", value: t.id, checked: true }), " ",
      NLP.el("span", { class: "swatch", style: `background:${colour(t.id)}` }), t.name)));
  }

  $("filters").addEventListener("submit", e => { e.preventDefault(); show(); });
  $("csv").addEventListener("click", () => NLP.download("/v1/stats/topics?" + params({ format: "csv" }),
                                                          `topics-${$("interval").value}.csv`).catch(fail));
  (async () => {
    await NLP.setupAuth(() => show());
    try { await setup(); } catch (e) { fail(e); return; }
    show();
  })();
})();
