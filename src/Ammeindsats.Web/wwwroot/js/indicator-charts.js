// Draws the indicator charts from the JSON block the page embeds. Every chart has a table with the same
// figures on the page, so the page reads without JavaScript and with a screen reader.
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source || typeof echarts === "undefined") { return; }
  var data = JSON.parse(source.textContent || "{}");
  var number = function (v, d) { return v === null || v === undefined ? "–" : v.toLocaleString("da-DK", { minimumFractionDigits: d, maximumFractionDigits: d }); };
  // Axis ticks in Danish: decimal comma and thousands dot (87,5 and 1.000), whatever the browser's language.
  var danish = new Intl.NumberFormat("da-DK", { maximumFractionDigits: 2 });
  var tick = { formatter: function (v) { return danish.format(v); } };
  var draftColour = "#b35900";
  var hasDraft = function (points) { return points.some(function (p) { return p.draft && p.value !== null; }); };
  // Values not yet approved are drawn as hollow rings in their own legend entry, so they are not read as published.
  var draftSeries = function (points, values, name) {
    return { name: name, type: "line", symbol: "emptyCircle", symbolSize: 11, lineStyle: { opacity: 0 }, itemStyle: { color: draftColour, borderColor: draftColour, borderWidth: 2 }, z: 5,
      data: points.map(function (p, i) { return p.draft ? values[i] : null; }) };
  };
  var draftName = "Ikke godkendt (kladde)";
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
    // Medians have no interval; an empty legend entry would promise one.
    var withInterval = data.trend.some(function (t) { return t.lower !== null && t.upper !== null; });
    var trendValues = data.trend.map(function (t) { return t.value; });
    var trendDraft = hasDraft(data.trend);
    var legend = [{ name: data.area, itemStyle: { color: "#0059b3" } }]
      .concat(withInterval ? [{ name: "95 %-interval", icon: "rect", itemStyle: { color: "#9ec5ee" } }] : [])
      .concat([{ name: "DK", itemStyle: { color: "#1a1a1a" } }])
      .concat(trendDraft ? [draftName] : []);
    chart("trend-chart", {
      animation: false,
      tooltip: { trigger: "axis", valueFormatter: function (v) { return number(v, decimals) + " " + data.unit; } },
      legend: { data: legend, bottom: 0 },
      grid: { left: 60, right: 20, top: 30, bottom: 60 },
      xAxis: { type: "category", data: periods },
      yAxis: { type: "value", name: data.unit, scale: true, axisLabel: tick },
      series: (withInterval ? [
        { name: "95 %-interval", type: "line", stack: "ci", symbol: "none", lineStyle: { opacity: 0 }, itemStyle: { color: "#9ec5ee" }, tooltip: { show: false }, data: data.trend.map(function (t) { return t.lower; }) },
        { name: "95 %-interval", type: "line", stack: "ci", symbol: "none", lineStyle: { opacity: 0 }, itemStyle: { color: "#9ec5ee" }, areaStyle: { color: "#9ec5ee", opacity: 0.6 }, tooltip: { show: false },
          data: data.trend.map(function (t) { return t.upper === null || t.lower === null ? null : t.upper - t.lower; }) }
      ] : []).concat([
        { name: data.area, type: "line", symbol: "circle", symbolSize: 8, itemStyle: { color: "#0059b3" },
          data: data.trend.map(function (t) { return t.draft ? { value: t.value, symbol: "none" } : t.value; }) },
        { name: "DK", type: "line", symbol: "diamond", lineStyle: { type: "dashed" }, itemStyle: { color: "#1a1a1a" }, data: data.trend.map(function (t) { return t.dk; }) }
      ]).concat(trendDraft ? [draftSeries(data.trend, trendValues, draftName)] : [])
    });
  }

  if (data.ranked && data.ranked.length) {
    var ranked = data.ranked.slice().reverse();
    var el = document.getElementById("rank-chart");
    if (el) { el.style.height = Math.max(420, ranked.length * 14 + 80) + "px"; }
    chart("rank-chart", {
      animation: false,
      tooltip: { trigger: "item", formatter: function (p) { var r = ranked[p.dataIndex]; return r.name + ": " + number(r.value, decimals) + " (" + number(r.lower, decimals) + "–" + number(r.upper, decimals) + ")"; } },
      grid: { left: 160, right: 40, top: 30, bottom: 30 },
      xAxis: { type: "value", name: data.unit, scale: true, axisLabel: tick },
      yAxis: { type: "category", data: ranked.map(function (r) { return r.name; }), axisLabel: { fontSize: 10 } },
      series: [
        { type: "custom", renderItem: function (params, api) {
            var lo = api.coord([api.value(1), api.value(0)]), hi = api.coord([api.value(2), api.value(0)]);
            return { type: "line", shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style: { stroke: "#454545", lineWidth: 1 } };
          }, encode: { x: [1, 2], y: 0 }, data: ranked.map(function (r, i) { return [i, r.lower, r.upper]; }) },
        { type: "scatter", symbolSize: 7, data: ranked.map(function (r, i) { return { value: [r.value, i], itemStyle: { color: colours[r.comparison] || "#6b6b6b" } }; }) }
      ].concat(data.benchmark === null ? [] : [{ type: "line", markLine: { symbol: "none", label: { formatter: "Benchmark", position: "insideEndTop" }, lineStyle: { color: "#1a1a1a", type: "dashed" }, data: [{ xAxis: data.benchmark }] }, data: [] }])
    });
  }

  // A funnel point is coloured by the same exact binomial 95 % limits the lines are drawn from (r.funnel), not by
  // its confidence interval, so no point contradicts its band.
  if (data.funnel && data.funnel.length) {
    var line = function (key, name, dash) {
      return { name: name, type: "line", symbol: "none", lineStyle: { type: dash, color: "#454545" }, itemStyle: { color: "#454545" }, data: data.funnel.map(function (f) { return [f.n, f[key]]; }) };
    };
    chart("funnel-chart", {
      animation: false,
      tooltip: { trigger: "item", formatter: function (p) { return p.seriesName === "Områder" ? data.ranked[p.dataIndex].name + ": " + number(p.value[1], decimals) + " % af " + number(p.value[0], 0) + " børn" : p.seriesName; } },
      // The legend draws each entry in its series' own colour and dash, so it matches the lines.
      legend: { bottom: 0, data: ["Områder", "95 %-grænser", "99,8 %-grænser"] },
      grid: { left: 60, right: 30, top: 30, bottom: 70 },
      xAxis: { type: "value", name: "Børn", nameLocation: "middle", nameGap: 28, axisLabel: tick },
      yAxis: { type: "value", name: "%", scale: true, axisLabel: tick },
      series: [
        line("l95", "95 %-grænser", "dashed"), line("u95", "95 %-grænser", "dashed"),
        line("l998", "99,8 %-grænser", "solid"), line("u998", "99,8 %-grænser", "solid"),
        { name: "Områder", type: "scatter", symbolSize: 7, itemStyle: { color: colours.similar }, data: data.ranked.map(function (r) { return { value: [r.n, r.value], itemStyle: { color: colours[r.funnel] || "#6b6b6b" } }; }) }
      ]
    });
  }

  (data.runcharts || []).forEach(function (rc) {
    var values = rc.points.map(function (p) { return p.value; });
    var draft = hasDraft(rc.points);
    chart(rc.id, {
      animation: false,
      tooltip: { trigger: "axis", valueFormatter: function (v) { return number(v, decimals) + " " + data.unit; } },
      legend: draft ? { bottom: 0, data: [data.area, draftName] } : undefined,
      grid: { left: 60, right: 20, top: 30, bottom: draft ? 60 : 40 },
      xAxis: { type: "category", data: rc.points.map(function (p) { return p.period; }) },
      yAxis: { type: "value", name: data.unit, scale: true, axisLabel: tick },
      series: [{
        name: data.area, type: "line", symbol: "circle", symbolSize: 7, connectNulls: false, itemStyle: { color: "#0059b3" },
        data: rc.points.map(function (p) { return p.draft ? { value: p.value, symbol: "none" } : p.value; }),
        // Inside the plot, so the label is never cut off at the chart's right edge.
        markLine: rc.centre === null ? undefined : { symbol: "none", label: { formatter: "Median " + number(rc.centre, decimals), position: "insideEndTop" }, lineStyle: { color: "#1a1a1a", type: "dashed" }, data: [{ yAxis: rc.centre }] }
      }].concat(draft ? [draftSeries(rc.points, values, draftName)] : [])
    });
  });
})();
