// Refreshes the page's content every 5 s from the server-rendered page itself (no JavaScript build):
// the page reads the same without it, only not live.
(function () {
  const main = document.querySelector('main[data-refresh]');
  if (!main) return;
  const url = main.getAttribute('data-refresh');
  setInterval(async () => {
    try {
      const r = await fetch(url, { headers: { 'Accept': 'text/html' } });
      if (!r.ok) return;
      const doc = new DOMParser().parseFromString(await r.text(), 'text/html');
      const fresh = doc.querySelector('main[data-refresh]');
      if (fresh) {
        const open = [...main.querySelectorAll('details')].map(d => d.open);
        main.innerHTML = fresh.innerHTML;
        main.querySelectorAll('details').forEach((d, i) => { if (open[i]) d.open = true; });
        main.dataset.refreshedAt = new Date().toISOString();
      }
    } catch (e) { /* the next round tries again */ }
  }, 5000);
})();
