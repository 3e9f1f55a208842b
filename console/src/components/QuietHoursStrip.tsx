/** One phone type's quiet hours on a 24-hour strip: shaded where calls are not placed (local time). */
export function QuietHoursStrip({ type, intervals }: { type: string; intervals: Array<{ start: string; end: string }> }) {
  const minutes = (hhmm: string) => {
    const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
    return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
  };
  // An interval whose start is after its end crosses midnight: two pieces on the strip.
  const pieces: Array<[number, number]> = [];
  for (const { start, end } of intervals) {
    const s = minutes(start);
    const e = minutes(end);
    if (s === undefined || e === undefined) continue;
    if (s <= e) pieces.push([s, e]);
    else pieces.push([s, 1440], [0, e]);
  }
  const described = intervals.length ? intervals.map((i) => `${i.start}–${i.end}`).join(', ') : 'none';
  return (
    <figure class="quiet-strip" role="img" aria-label={`${type} quiet hours: ${described}`} data-strip={type}>
      <div class="quiet-track">
        {pieces.map(([s, e]) => (
          <span key={`${s}-${e}`} class="quiet-piece" style={{ left: `${(s / 1440) * 100}%`, width: `${((e - s) / 1440) * 100}%` }} />
        ))}
      </div>
      <div class="quiet-hours" aria-hidden="true">
        {[0, 6, 12, 18, 24].map((h) => (
          <span key={h} style={{ left: `${(h / 24) * 100}%` }}>
            {String(h).padStart(2, '0')}
          </span>
        ))}
      </div>
      <figcaption>
        {type}: quiet {described}
      </figcaption>
    </figure>
  );
}
