import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface Series {
  label: string;
  stroke: string;
}

/** A live time-series chart: `times` in seconds, one value array per series; redrawn in place as they grow. */
export function SeriesChart(props: { title: string; series: Series[]; times: number[]; values: number[][]; yLabel?: string }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  useEffect(() => {
    if (!host.current) return;
    plot.current = new uPlot(
      {
        width: Math.max(320, host.current.clientWidth || 640),
        height: 220,
        series: [{}, ...props.series.map((s) => ({ label: s.label, stroke: s.stroke, width: 2 }))],
        axes: [{}, { label: props.yLabel ?? 'deliveries' }],
        scales: { x: { time: true } },
      },
      [props.times, ...props.values],
      host.current,
    );
    return () => {
      plot.current?.destroy();
      plot.current = null;
    };
    // The chart is made once per set of series; data updates go through setData below.
  }, [props.series.map((s) => s.label).join()]);
  useEffect(() => {
    plot.current?.setData([props.times, ...props.values]);
  }, [props.times, props.values]);
  return <figure class="chart" role="img" aria-label={props.title} ref={host} />;
}
