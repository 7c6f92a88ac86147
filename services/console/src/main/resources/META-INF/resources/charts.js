// Draws the model page's charts with uPlot from the JSON the server rendered into the page.
(function () {
  if (typeof uPlot === 'undefined') return;
  const data = id => { const el = document.getElementById(id); return el ? JSON.parse(el.textContent) : null; };
  const width = el => Math.max(400, el.clientWidth || 900);

  const drift = data('drift-data');
  const driftEl = document.getElementById('drift-chart');
  if (drift && driftEl && drift.at.length > 0) {
    const marks = drift.share.map((s, i) => drift.drifted[i] ? s : null);
    new uPlot({
      width: width(driftEl), height: 260, title: 'share of drifted features per window',
      series: [{}, {label: 'share drifted', stroke: '#3461a8'},
               {label: 'threshold', stroke: '#b23', dash: [6, 4]},
               {label: 'drifted window', stroke: 'transparent', points: {show: true, size: 7, fill: '#e08a00', stroke: '#e08a00'}}],
      axes: [{}, {label: 'share'}], scales: {y: {range: [0, 1]}}
    }, [drift.at, drift.share, drift.threshold, marks], driftEl);
    driftEl.dataset.points = String(drift.at.length);
  }

  const curves = data('curves-data');
  const curvesEl = document.getElementById('curves-chart');
  if (curves && curvesEl) {
    const ids = Object.keys(curves);
    const maxEpoch = Math.max(0, ...ids.map(id => Math.max(0, ...curves[id].epoch)));
    const x = Array.from({length: maxEpoch}, (_, i) => i + 1);
    const palette = ['#3461a8', '#b23', '#2a8', '#e08a00', '#7a4bb0', '#555', '#0a9ab0', '#a0522d'];
    const series = [{}];
    const columns = [x];
    ids.forEach((id, k) => {
      const byEpoch = new Map(curves[id].epoch.map((e, i) => [e, curves[id].validation[i]]));
      columns.push(x.map(e => byEpoch.has(e) ? byEpoch.get(e) : null));
      series.push({label: id.replace('sha256:', '').slice(0, 8), stroke: palette[k % palette.length], spanGaps: false});
    });
    if (x.length > 0) {
      new uPlot({width: width(curvesEl), height: 300, title: 'validation loss per epoch',
                 scales: {x: {time: false}}, legend: {show: ids.length <= 12},
                 series: series, axes: [{label: 'epoch'}, {label: 'loss'}]}, columns, curvesEl);
      curvesEl.dataset.points = String(columns.slice(1).reduce((n, c) => n + c.filter(v => v != null).length, 0));
    }
  }
})();
