// Dashboard for the daily totals API. It only calls this service's own endpoints.
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";
const CHART_WIDTH = 900;
const CHART_HEIGHT = 220;
const MARGIN = { top: 10, right: 10, bottom: 30, left: 60 };

const fromInput = document.getElementById("from");
const toInput = document.getElementById("to");
const siteSelect = document.getElementById("site");
const statusLine = document.getElementById("status");
const numberFormat = new Intl.NumberFormat();
const BREAKDOWN_LIMIT = 10;

function showStatus(text, isError) {
  statusLine.textContent = text;
  statusLine.className = isError ? "error" : "";
}

// Fetches a JSON document and raises an Error with the API's message on a non-2xx status.
async function fetchJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const message = body && body.message ? body.message : response.status + " " + response.statusText;
    throw new Error(message);
  }
  return body;
}

async function loadSites(selectedSite) {
  const sites = await fetchJson("api/v1/sites");
  for (const site of sites) {
    const option = document.createElement("option");
    option.value = site;
    option.textContent = site;
    siteSelect.appendChild(option);
  }
  siteSelect.value = sites.includes(selectedSite) ? selectedSite : "";
}

// Builds the query string from the form, leaving out empty fields so that the API applies its defaults.
function currentQuery() {
  const query = new URLSearchParams();
  if (fromInput.value) {
    query.set("from", fromInput.value);
  }
  if (toInput.value) {
    query.set("to", toInput.value);
  }
  if (siteSelect.value) {
    query.set("site", siteSelect.value);
  }
  return query;
}

function svgElement(name, attributes) {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) {
    element.setAttribute(key, value);
  }
  return element;
}

function svgText(x, y, anchor, text) {
  const element = svgElement("text", { x: x, y: y, "text-anchor": anchor });
  element.textContent = text;
  return element;
}

// Draws one bar per day for `field` ("visitors" or "hits"), scaled to the largest value of the range.
function drawChart(container, days, field) {
  const plotWidth = CHART_WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = CHART_HEIGHT - MARGIN.top - MARGIN.bottom;
  const maximum = Math.max(1, ...days.map((day) => day[field]));
  const slot = plotWidth / Math.max(1, days.length);
  const svg = svgElement("svg", {
    viewBox: "0 0 " + CHART_WIDTH + " " + CHART_HEIGHT,
    role: "img",
    "aria-label": field + " per day",
  });

  const baseline = MARGIN.top + plotHeight;
  svg.appendChild(svgElement("line", {
    class: "axis", x1: MARGIN.left, y1: baseline, x2: MARGIN.left + plotWidth, y2: baseline,
  }));
  svg.appendChild(svgElement("line", {
    class: "axis", x1: MARGIN.left, y1: MARGIN.top, x2: MARGIN.left, y2: baseline,
  }));
  svg.appendChild(svgText(MARGIN.left - 6, MARGIN.top + 10, "end", numberFormat.format(maximum)));
  svg.appendChild(svgText(MARGIN.left - 6, baseline, "end", "0"));

  // Labels the first and last day, and about ten days in between.
  const labelEvery = Math.max(1, Math.ceil(days.length / 10));
  days.forEach((day, index) => {
    const height = (day[field] / maximum) * plotHeight;
    const bar = svgElement("rect", {
      class: "bar-" + field,
      x: MARGIN.left + index * slot + slot * 0.1,
      y: baseline - height,
      width: Math.max(1, slot * 0.8),
      height: height,
    });
    const tooltip = svgElement("title", {});
    tooltip.textContent = day.day + ": " + numberFormat.format(day[field]) + " " + field;
    bar.appendChild(tooltip);
    svg.appendChild(bar);

    if (index % labelEvery === 0 || index === days.length - 1) {
      svg.appendChild(svgText(MARGIN.left + (index + 0.5) * slot, baseline + 16, "middle", day.day.slice(5)));
    }
  });

  container.replaceChildren(svg);
}

function tableRow(cells) {
  const row = document.createElement("tr");
  for (const cell of cells) {
    const element = document.createElement("td");
    element.textContent = cell;
    row.appendChild(element);
  }
  return row;
}

// Fills the table. The footer sums hits and bytes only: the daily visitor counts cannot be added up,
// because one visitor can come back on several days.
function fillTable(days) {
  const body = document.querySelector("#totals tbody");
  const footer = document.querySelector("#totals tfoot");
  body.replaceChildren(...days.map((day) => tableRow([
    day.day, numberFormat.format(day.visitors), numberFormat.format(day.hits), numberFormat.format(day.bytes),
    numberFormat.format(day.botHits), numberFormat.format(day.botVisitors),
  ])));
  const hits = days.reduce((sum, day) => sum + day.hits, 0);
  const bytes = days.reduce((sum, day) => sum + day.bytes, 0);
  const botHits = days.reduce((sum, day) => sum + day.botHits, 0);
  footer.replaceChildren(tableRow([
    "Total", "", numberFormat.format(hits), numberFormat.format(bytes), numberFormat.format(botHits), "",
  ]));
}

function headerRow(names) {
  const row = document.createElement("tr");
  for (const name of names) {
    const element = document.createElement("th");
    element.textContent = name;
    row.appendChild(element);
  }
  return row;
}

// Fills one breakdown panel with the top values of its dimension for the same range and site as the totals.
async function showBreakdown(panel, query) {
  const table = panel.querySelector("table");
  const dimension = panel.dataset.dimension;
  const breakdownQuery = new URLSearchParams(query);
  breakdownQuery.set("limit", BREAKDOWN_LIMIT);
  try {
    const values = await fetchJson("api/v1/breakdowns/" + dimension + "?" + breakdownQuery);
    const rows = values.map((entry) => tableRow([
      entry.value, numberFormat.format(entry.hits), numberFormat.format(entry.visitors),
    ]));
    if (rows.length === 0) {
      rows.push(tableRow(["No data", "", ""]));
    }
    table.replaceChildren(headerRow(["Value", "Hits", "Visitors"]), ...rows);
  } catch (error) {
    table.replaceChildren(tableRow(["Loading failed: " + error.message]));
  }
}

function showBreakdowns(query) {
  document.querySelectorAll(".breakdown").forEach((panel) => showBreakdown(panel, query));
}

async function showTotals() {
  const query = currentQuery();
  history.replaceState(null, "", query.toString() ? "?" + query : location.pathname);
  showStatus("Loading…", false);
  try {
    showBreakdowns(query);
    const days = await fetchJson("api/v1/visitors/daily?" + query);
    drawChart(document.getElementById("visitors-chart"), days, "visitors");
    drawChart(document.getElementById("hits-chart"), days, "hits");
    fillTable(days);
    const site = siteSelect.value || "all sites";
    showStatus(days.length ? days.length + " days from " + days[0].day + " to " + days[days.length - 1].day
        + ", " + site : "No days in the range", false);
  } catch (error) {
    showStatus("Loading the daily totals failed: " + error.message, true);
  }
}

async function start() {
  const initial = new URLSearchParams(location.search);
  fromInput.value = initial.get("from") || "";
  toInput.value = initial.get("to") || "";
  document.getElementById("filters").addEventListener("submit", (event) => {
    event.preventDefault();
    showTotals();
  });
  try {
    await loadSites(initial.get("site") || "");
  } catch (error) {
    showStatus("Loading the site names failed: " + error.message, true);
    return;
  }
  showTotals();
}

start();
