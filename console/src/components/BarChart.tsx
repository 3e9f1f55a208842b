/** Counts as horizontal bars, each labelled with its number (the figure's label lists them for screen readers). */
export function BarChart({ title, counts, id }: { title: string; counts: Record<string, number>; id: string }) {
  const entries = Object.entries(counts);
  const max = Math.max(1, ...entries.map(([, n]) => n));
  const described = entries.length ? entries.map(([k, n]) => `${k} ${n}`).join(', ') : 'no deliveries';
  return (
    <figure class="bar-chart" id={id} role="img" aria-label={`${title}: ${described}`}>
      <figcaption>{title}</figcaption>
      {entries.length === 0 && <p class="note">No deliveries.</p>}
      {entries.map(([key, n]) => (
        <div class="bar-row" key={key} data-bar={key}>
          <span class="bar-label">{key}</span>
          <span class="bar-track">
            <span class="bar" style={{ width: `${(n / max) * 100}%` }} />
          </span>
          <span class="bar-value">{n}</span>
        </div>
      ))}
    </figure>
  );
}
