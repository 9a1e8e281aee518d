// Charts with Debian's libjs-chart.js (Chart.js 3), loaded only when a chart is drawn. deploy/lib.sh links it
// into the asset directory as vendor/chart.js/, so it is served by nginx from the package's own files.
let loading = null;

function loadChartJS() {
  if (window.Chart) return Promise.resolve(window.Chart);
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = new URL('../vendor/chart.js/chart.min.js', import.meta.url).href;
    script.onload = () => (window.Chart ? resolve(window.Chart) : reject(new Error('Chart.js did not load')));
    script.onerror = () => { loading = null; reject(new Error('Chart.js did not load')); };
    document.head.append(script);
  });
  return loading;
}

/** A doughnut of labelled values on `canvas`; resolves with the chart (or null when Chart.js is missing). */
export async function doughnut(canvas, labels, values) {
  try {
    const Chart = await loadChartJS();
    return new Chart(canvas, {
      type: 'doughnut',
      data: { labels, datasets: [{ data: values, backgroundColor: ['#a4161a', '#3b3a8f', '#1e6b34'] }] },
      options: { animation: false, plugins: { legend: { position: 'bottom' } } },
    });
  } catch {
    canvas.hidden = true;
    return null;
  }
}

const LINE_COLOURS = ['#3b3a8f', '#a4161a', '#1e6b34', '#8a5a00', '#00607a'];

/**
 * A line chart of `series` ({label, values}) over `labels` on `canvas` (sized by its parent); resolves with the
 * chart, or null when Chart.js is missing (the figures' table stays). Figures Meta did not give are gaps.
 */
export async function lineChart(canvas, labels, series) {
  try {
    const Chart = await loadChartJS();
    return new Chart(canvas, {
      type: 'line',
      data: { labels, datasets: series.map((s, i) => ({ label: s.label, data: s.values, borderColor: LINE_COLOURS[i % LINE_COLOURS.length],
        backgroundColor: LINE_COLOURS[i % LINE_COLOURS.length], spanGaps: false, tension: 0.2, pointRadius: 2 })) },
      options: { animation: false, maintainAspectRatio: false, interaction: { mode: 'index', intersect: false },
                 plugins: { legend: { position: 'bottom' } }, scales: { y: { beginAtZero: true } } },
    });
  } catch {
    canvas.hidden = true;
    return null;
  }
}
