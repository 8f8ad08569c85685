// Hash rate over time as a uPlot line chart that follows its container's width; the axis shows
// H/s … EH/s. Empty series get a sentence instead of a blank chart.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { HashratePoint } from '../api/types';
import { formatHashrate } from '../format/hashrate';
import { formatAbsolute } from '../format/time';
import { Empty } from './States';

export function HashrateChart({ points, label }: { points: HashratePoint[]; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const hasData = points.some((p) => p.hashrate > 0);

  useEffect(() => {
    const el = box.current;
    if (!el || !hasData) return;
    const data: uPlot.AlignedData = [points.map((p) => p.time / 1000), points.map((p) => p.hashrate)];
    const width = Math.max(280, el.clientWidth);
    const opts: uPlot.Options = {
      width,
      height: 220,
      legend: { show: false },
      cursor: { y: false },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.15 : 1] } },
      axes: [
        { stroke: '#9aa4b8', grid: { stroke: '#1e2636' }, ticks: { stroke: '#1e2636' } },
        {
          stroke: '#9aa4b8',
          grid: { stroke: '#1e2636' },
          ticks: { stroke: '#1e2636' },
          size: 80,
          values: (_u, vals) => vals.map((v) => formatHashrate(v)),
        },
      ],
      series: [
        { value: (_u, v) => (v == null ? '' : formatAbsolute(v * 1000)) },
        { label, stroke: '#00FFFF', width: 2, fill: 'rgba(0,255,255,0.08)', value: (_u, v) => (v == null ? '' : formatHashrate(v)) },
      ],
    };
    plot.current?.destroy();
    plot.current = new uPlot(opts, data, el);
    const observer = new ResizeObserver(() => {
      if (plot.current && el.clientWidth > 0) plot.current.setSize({ width: Math.max(280, el.clientWidth), height: 220 });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [points, hasData, label]);

  if (!hasData) return <Empty>No hash rate in this period yet: the chart starts with the first accepted share.</Empty>;
  return <div class="chart" ref={box} role="img" aria-label={`${label} chart`} />;
}
