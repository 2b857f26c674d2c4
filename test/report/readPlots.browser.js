// Runs in the page (headless Chromium, test/report/htmlBrowser.test.ts): reads every figure[data-plot]'s drawing
// and the inline JSON report. Plain JavaScript for the browser, kept apart from the TypeScript of the tests (whose
// compilation has no DOM types); evaluated as an expression, it resolves to { plots, report }.
(async () => {
  const plots = [];
  for (const figure of Array.from(document.querySelectorAll('figure[data-plot]'))) {
    const svg = figure.querySelector('svg');
    const box = svg?.getBoundingClientRect();
    // Vega's data marks (line, area, point, tick) are paths in groups of role "mark"; axes and legends are not
    const marks = svg ? Array.from(svg.querySelectorAll('g.role-mark path')) : [];
    const drawn = marks.filter((p) => p.getBBox().width > 0 || p.getBBox().height > 0);
    const symbols = svg ? Array.from(svg.querySelectorAll('g.mark-symbol.role-mark path')).filter((p) => p.getBBox().width > 0) : [];
    let ink = 0;
    if (svg && box && box.width > 0) {
      const image = new Image();
      image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d');
      context.fillStyle = '#fff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
      let inked = 0;
      for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 250 || pixels[i + 1] < 250 || pixels[i + 2] < 250) inked++;
      ink = inked / (pixels.length / 4);
    }
    plots.push({ plot: figure.dataset.plot ?? '', width: box?.width ?? 0, height: box?.height ?? 0, dataMarks: drawn.length, symbols: symbols.length, ink });
  }
  const data = document.getElementById('report')?.textContent;
  return { plots, report: data ? JSON.parse(data) : null };
})();
