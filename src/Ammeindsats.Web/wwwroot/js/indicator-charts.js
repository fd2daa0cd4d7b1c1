// Draws the indicator charts from the JSON block the page embeds. Every chart has a table with the same
// figures on the page, so the page reads without JavaScript and with a screen reader.
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source || typeof echarts === "undefined") { return; }
  var data = JSON.parse(source.textContent || "{}");
  var number = function (v, d) { return v === null || v === undefined ? "–" : v.toLocaleString("da-DK", { minimumFractionDigits: d, maximumFractionDigits: d }); };
  var decimals = data.unit === "dage" ? 0 : 1;
  var colours = { better: "#2b7a3d", similar: "#6b6b6b", worse: "#b51d09", higher: "#1f4e9c", lower: "#7a4b9c" };

  function chart(id, option) {
    var el = document.getElementById(id);
    if (!el) { return; }
    var c = echarts.init(el, null, { renderer: "svg" });
    c.setOption(option);
    window.addEventListener("resize", function () { c.resize(); });
    window.addEventListener("beforeprint", function () { c.resize(); });
  }

  if (data.trend && data.trend.length) {
    var periods = data.trend.map(function (t) { return t.period; });
    chart("trend-chart", {
      animation: false,
      tooltip: { trigger: "axis", valueFormatter: function (v) { return number(v, decimals) + " " + data.unit; } },
      legend: { data: [data.area, "95 %-interval", "DK"], bottom: 0 },
      grid: { left: 50, right: 20, top: 20, bottom: 60 },
      xAxis: { type: "category", data: periods },
      yAxis: { type: "value", name: data.unit, scale: true },
      series: [
        { name: "95 %-interval", type: "line", stack: "ci", symbol: "none", lineStyle: { opacity: 0 }, data: data.trend.map(function (t) { return t.lower; }) },
        { name: "95 %-interval", type: "line", stack: "ci", symbol: "none", lineStyle: { opacity: 0 }, areaStyle: { color: "#9ec5ee", opacity: 0.6 },
          data: data.trend.map(function (t) { return t.upper === null || t.lower === null ? null : t.upper - t.lower; }) },
        { name: data.area, type: "line", symbolSize: 8, itemStyle: { color: "#0059b3" }, data: data.trend.map(function (t) { return t.value; }) },
        { name: "DK", type: "line", symbol: "diamond", lineStyle: { type: "dashed" }, itemStyle: { color: "#1a1a1a" }, data: data.trend.map(function (t) { return t.dk; }) }
      ]
    });
  }

  if (data.ranked && data.ranked.length) {
    var ranked = data.ranked.slice().reverse();
    var el = document.getElementById("rank-chart");
    if (el) { el.style.height = Math.max(420, ranked.length * 14 + 80) + "px"; }
    chart("rank-chart", {
      animation: false,
      tooltip: { trigger: "item", formatter: function (p) { var r = ranked[p.dataIndex]; return r.name + ": " + number(r.value, decimals) + " (" + number(r.lower, decimals) + "–" + number(r.upper, decimals) + ")"; } },
      grid: { left: 160, right: 30, top: 10, bottom: 30 },
      xAxis: { type: "value", name: data.unit, scale: true },
      yAxis: { type: "category", data: ranked.map(function (r) { return r.name; }), axisLabel: { fontSize: 10 } },
      series: [
        { type: "custom", renderItem: function (params, api) {
            var lo = api.coord([api.value(1), api.value(0)]), hi = api.coord([api.value(2), api.value(0)]);
            return { type: "line", shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style: { stroke: "#454545", lineWidth: 1 } };
          }, encode: { x: [1, 2], y: 0 }, data: ranked.map(function (r, i) { return [i, r.lower, r.upper]; }) },
        { type: "scatter", symbolSize: 7, data: ranked.map(function (r, i) { return { value: [r.value, i], itemStyle: { color: colours[r.comparison] || "#6b6b6b" } }; }) }
      ].concat(data.benchmark === null ? [] : [{ type: "line", markLine: { symbol: "none", label: { formatter: "Benchmark" }, lineStyle: { color: "#1a1a1a", type: "dashed" }, data: [{ xAxis: data.benchmark }] }, data: [] }])
    });
  }

  if (data.funnel && data.funnel.length) {
    var line = function (key, name, dash) {
      return { name: name, type: "line", symbol: "none", lineStyle: { type: dash, color: "#454545" }, data: data.funnel.map(function (f) { return [f.n, f[key]]; }) };
    };
    chart("funnel-chart", {
      animation: false,
      tooltip: { trigger: "item", formatter: function (p) { return p.seriesName === "Områder" ? data.ranked[p.dataIndex].name + ": " + number(p.value[1], decimals) + " % af " + p.value[0] + " børn" : p.seriesName; } },
      legend: { bottom: 0, data: ["Områder", "95 %-grænser", "99,8 %-grænser"] },
      grid: { left: 50, right: 20, top: 20, bottom: 60 },
      xAxis: { type: "value", name: "Børn" },
      yAxis: { type: "value", name: "%", scale: true },
      series: [
        line("l95", "95 %-grænser", "dashed"), line("u95", "95 %-grænser", "dashed"),
        line("l998", "99,8 %-grænser", "solid"), line("u998", "99,8 %-grænser", "solid"),
        { name: "Områder", type: "scatter", symbolSize: 7, data: data.ranked.map(function (r) { return { value: [r.n, r.value], itemStyle: { color: colours[r.comparison] || "#6b6b6b" } }; }) }
      ]
    });
  }

  (data.runcharts || []).forEach(function (rc) {
    chart(rc.id, {
      animation: false,
      tooltip: { trigger: "axis", valueFormatter: function (v) { return number(v, decimals) + " " + data.unit; } },
      grid: { left: 50, right: 20, top: 20, bottom: 40 },
      xAxis: { type: "category", data: rc.points.map(function (p) { return p.period; }) },
      yAxis: { type: "value", name: data.unit, scale: true },
      series: [{
        name: data.area, type: "line", symbolSize: 7, connectNulls: false, itemStyle: { color: "#0059b3" },
        data: rc.points.map(function (p) { return p.value; }),
        markLine: rc.centre === null ? undefined : { symbol: "none", label: { formatter: "Median" }, lineStyle: { color: "#1a1a1a", type: "dashed" }, data: [{ yAxis: rc.centre }] }
      }]
    });
  });
})();
