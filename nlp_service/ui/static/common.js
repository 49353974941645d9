// Shared by the pages: the API key (sent as Authorization: Bearer), JSON calls, problem+json errors, labels.
"use strict";
const NLP = (() => {
  const KEY = "nlp_service.api_key";
  let labels = null;

  function key() { return sessionStorage.getItem(KEY) || ""; }

  function headers(extra) {
    const h = Object.assign({}, extra || {});
    if (key()) h["Authorization"] = "Bearer " + key();
    return h;
  }

  async function problemText(response) {
    try {
      const body = await response.json();
      return `${body.status || response.status} ${body.title || ""}: ${body.detail || ""}`;
    } catch (e) {
      return `${response.status} ${response.statusText}`;
    }
  }

  async function call(method, path, body) {
    const init = { method, headers: headers(body === undefined ? {} : { "Content-Type": "application/json" }) };
    if (body !== undefined) init.body = JSON.stringify(body);
    const response = await fetch(path, init);
    if (!response.ok) throw new Error(await problemText(response));
    return response.status === 204 ? null : response.json();
  }

  async function download(path, filename) {
    const response = await fetch(path, { headers: headers() });
    if (!response.ok) throw new Error(await problemText(response));
    const url = URL.createObjectURL(await response.blob());
    const a = document.createElement("a");
    a.href = url; a.download = filename; document.body.appendChild(a); a.click(); a.remove();
    URL.revokeObjectURL(url);
  }

  async function getLabels() {
    if (!labels) labels = await call("GET", "/v1/labels");
    return labels;
  }

  function topicName(id) {
    const t = labels && labels.topics.find(x => x.id === id);
    return t ? t.name : id;
  }

  function sectionName(id) {
    const s = labels && labels.sections.find(x => x.id === id);
    return s ? s.name : id;
  }

  const ROLE_TEXT = { editor: "Biên tập viên", reader: "Chỉ đọc" };

  // Who the key is: {role, who}; null when the store refuses (no key, bad key).
  async function whoami() {
    const el = document.getElementById("role");
    try {
      const me = await call("GET", "/v1/me");
      el.textContent = (ROLE_TEXT[me.role] || me.role) + (me.who === "loopback" ? " (máy cục bộ, không khóa)" : "");
      el.className = me.role;
      document.body.dataset.role = me.role;
      return me;
    } catch (e) {
      el.textContent = "Chưa có quyền: " + e.message;
      el.className = "reader";
      document.body.dataset.role = "none";
      return null;
    }
  }

  function setupAuth(onChange) {
    const input = document.getElementById("api-key");
    input.value = key();
    document.getElementById("auth").addEventListener("submit", async (event) => {
      event.preventDefault();
      if (input.value.trim()) sessionStorage.setItem(KEY, input.value.trim()); else sessionStorage.removeItem(KEY);
      await onChange(await whoami());
    });
    return whoami();
  }

  function escape(text) {
    return String(text).replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? "" : v);
    }
    for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(child));
    return node;
  }

  function date(iso) {
    return iso ? new Date(iso).toLocaleString("vi-VN", { dateStyle: "short", timeStyle: "short" }) : "";
  }

  return { call, download, getLabels, topicName, sectionName, setupAuth, whoami, escape, el, date };
})();
