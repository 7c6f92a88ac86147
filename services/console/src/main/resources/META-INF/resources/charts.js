// Draws every chart of a page with uPlot: an element <div data-chart="ID"> is drawn from the JSON the
// server rendered into <script type="application/json" id="ID"> (see Chart.java: a shared x column,
// one column per series, nulls where a series has no value). Once drawn, the element's data-points
// says how many values it shows.
(function () {
  if (typeof uPlot === 'undefined') return;
  const palette = ['#3461a8', '#e08a00', '#2a8a55', '#7a4bb0', '#555', '#0a9ab0', '#a0522d', '#c2185b'];
  const bars = uPlot.paths && uPlot.paths.bars ? uPlot.paths.bars({size: [0.85, 80]}) : null;
  const steps = uPlot.paths && uPlot.paths.stepped ? uPlot.paths.stepped({align: 1}) : null;

  function series(c) {
    let k = 0;
    return [{}].concat(c.series.map(s => {
      const color = s.style === 'THRESHOLD' ? '#b23' : palette[k++ % palette.length];
      const o = {label: s.label, stroke: color, width: 1.5, spanGaps: !c.time};
      if (s.style === 'THRESHOLD') o.dash = [6, 4];
      if (s.style === 'POINTS') {
        o.stroke = 'transparent';
        o.points = {show: true, size: 7, fill: color, stroke: color};
      }
      if (s.style === 'BARS' && bars) {
        o.paths = bars;
        o.fill = color + '55';
        o.points = {show: false};
      }
      if (s.style === 'STEPS' && steps) {
        o.paths = steps;
        o.width = 2;
        o.points = {show: false};
      }
      return o;
    }));
  }

  function draw(el) {
    const source = document.getElementById(el.dataset.chart);
    if (!source) return;
    const c = JSON.parse(source.textContent);
    if (!c.xs || c.xs.length === 0) return;
    const x = {time: c.time};
    const xAxis = {label: c.x};
    if (c.categories) {
      x.range = [-0.5, c.categories.length - 0.5];
      xAxis.values = (u, splits) => splits.map(i => Number.isInteger(i) ? (c.categories[i] ?? '') : '');
      // room for the longest label, so labels never overlap (uPlot then labels every 2nd, 5th, … position)
      xAxis.space = Math.max(24, 7 * Math.max(...c.categories.map(l => String(l).length)));
      xAxis.incrs = [1, 2, 5, 10, 20, 50];
    }
    const fromZero = c.series.some(s => s.style === 'BARS');
    const y = c.logY ? {distr: 3} : c.yRange ? {range: c.yRange}
        : fromZero ? {range: (u, min, max) => [0, max > 0 ? max * 1.1 : 1]} : {};
    new uPlot({
      width: Math.max(320, el.clientWidth || 900), height: Number(el.dataset.height || 260), title: c.title,
      legend: {show: c.series.length <= 12}, series: series(c), scales: {x: x, y: y},
      axes: [xAxis, {label: c.y}]
    }, [c.xs].concat(c.series.map(s => s.values)), el);
    el.dataset.points = String(c.series.reduce((n, s) => n + s.values.filter(v => v != null).length, 0));
  }

  // one chart that cannot be drawn leaves the others drawn (and says why in its place)
  document.querySelectorAll('[data-chart]').forEach(el => {
    try {
      draw(el);
    } catch (e) {
      el.textContent = 'This chart could not be drawn: ' + e;
    }
  });
})();
