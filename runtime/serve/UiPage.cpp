#include "serve/UiPage.h"

namespace magicc::serve {

namespace {

// Items sit in columns by depth (longest chain of dependencies before
// them); edges run from a dependency to its dependent. Every second the
// page asks for the tasks again and redraws what changed.
constexpr std::string_view kPage = R"html(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>magicc serve</title>
<style>
body { font: 14px sans-serif; margin: 1em; background: #fafafa; }
h2 { font-size: 15px; margin: 1.2em 0 0.3em; font-family: monospace; }
svg { background: #fff; border: 1px solid #ddd; }
.item rect { stroke: #444; rx: 4; }
.item text { font: 12px monospace; dominant-baseline: middle; }
.INCOMPLETE rect { fill: #e0e0e0; }
.IN_PROGRESS rect { fill: #ffd54f; }
.COMPLETE rect { fill: #81c784; }
.FAILED rect { fill: #e57373; }
.CANNOT_AUTOMATE rect { fill: #90caf9; }
line { stroke: #999; marker-end: url(#arrow); }
#legend span { padding: 2px 8px; margin-right: 4px; border: 1px solid #444; }
</style>
</head>
<body>
<h1>Tasks</h1>
<div id="legend"></div>
<div id="tasks"><p id="empty">No tasks yet.</p></div>
<script>
"use strict";
const STATES = {INCOMPLETE: "#e0e0e0", IN_PROGRESS: "#ffd54f", COMPLETE: "#81c784",
                FAILED: "#e57373", CANNOT_AUTOMATE: "#90caf9"};
const SVG = "http://www.w3.org/2000/svg";
const W = 170, H = 26, GX = 40, GY = 12;
const drawn = new Map();  // uuid -> JSON text last drawn

document.getElementById("legend").innerHTML = Object.entries(STATES)
  .map(([s, c]) => `<span style="background:${c}">${s}</span>`).join("");

function el(name, attrs, parent) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (parent) parent.appendChild(e);
  return e;
}

function layout(items) {
  const byName = new Map(items.map(i => [i.name, i]));
  const depth = new Map();
  const depthOf = (name, seen) => {
    if (depth.has(name)) return depth.get(name);
    if (seen.has(name)) return 0;
    seen.add(name);
    const item = byName.get(name);
    let d = 0;
    for (const dep of (item && item.depends) || [])
      if (byName.has(dep)) d = Math.max(d, depthOf(dep, seen) + 1);
    depth.set(name, d);
    return d;
  };
  const columns = [];
  for (const item of items) {
    const d = depthOf(item.name, new Set());
    (columns[d] = columns[d] || []).push(item.name);
  }
  const pos = new Map();
  columns.forEach((names, x) => names.sort().forEach((n, y) =>
    pos.set(n, {x: 10 + x * (W + GX), y: 10 + y * (H + GY)})));
  const rows = Math.max(1, ...columns.map(c => (c || []).length));
  return {pos, width: 20 + columns.length * (W + GX), height: 20 + rows * (H + GY)};
}

function draw(uuid, task) {
  let section = document.getElementById("task-" + uuid);
  if (!section) {
    section = document.createElement("section");
    section.id = "task-" + uuid;
    section.className = "task";
    document.getElementById("tasks").appendChild(section);
  }
  section.innerHTML = "";
  const title = document.createElement("h2");
  title.textContent = uuid + "  " + JSON.stringify(task.metadata.requirements || []);
  section.appendChild(title);
  const {pos, width, height} = layout(task.items);
  const svg = el("svg", {width, height}, section);
  const defs = el("defs", {}, svg);
  const marker = el("marker", {id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5,
                               markerWidth: 6, markerHeight: 6, orient: "auto"}, defs);
  el("path", {d: "M0,0 L10,5 L0,10 z", fill: "#999"}, marker);
  for (const item of task.items)
    for (const dep of item.depends || []) {
      const a = pos.get(dep), b = pos.get(item.name);
      if (a && b) el("line", {x1: a.x + W, y1: a.y + H / 2, x2: b.x, y2: b.y + H / 2}, svg);
    }
  for (const item of task.items) {
    const p = pos.get(item.name);
    const g = el("g", {class: "item " + item.state, "data-name": item.name,
                       "data-state": item.state}, svg);
    el("rect", {x: p.x, y: p.y, width: W, height: H}, g);
    const t = el("text", {x: p.x + 6, y: p.y + H / 2}, g);
    t.textContent = item.name;
    const tip = el("title", {}, g);
    tip.textContent = item.name + ": " + item.state + (item.description ? "\n" + item.description : "");
  }
}

async function refresh() {
  try {
    const uuids = await (await fetch("/task/")).json();
    document.getElementById("empty").style.display = uuids.length ? "none" : "";
    for (const uuid of uuids) {
      const r = await fetch("/task/" + encodeURIComponent(uuid));
      if (!r.ok) continue;
      const text = await r.text();
      if (drawn.get(uuid) === text) continue;
      drawn.set(uuid, text);
      draw(uuid, JSON.parse(text));
    }
    for (const uuid of [...drawn.keys()])
      if (!uuids.includes(uuid)) {
        drawn.delete(uuid);
        const s = document.getElementById("task-" + uuid);
        if (s) s.remove();
      }
  } catch (e) {
    console.log("refresh failed: " + e);
  }
  setTimeout(refresh, 1000);
}
refresh();
</script>
</body>
</html>
)html";

}  // namespace

std::string_view uiPage() {
  return kPage;
}

}  // namespace magicc::serve
