/**
 * A memo of a pure function over at most `limit` keys. When it is full it starts over rather than
 * tracking recency: the keys it serves (zone names, 8-day chunks of a zone's offsets) are few and
 * hot, so a rare full reset costs less than bookkeeping on every hit, and memory stays bounded in a
 * long-lived worker. Deterministic, so safe in workflow code.
 */
export function boundedMemo<K, V extends NonNullable<unknown>>(limit: number, compute: (key: K) => V): (key: K) => V {
  const values = new Map<K, V>();
  return (key: K): V => {
    const known = values.get(key);
    if (known !== undefined) return known;
    const value = compute(key);
    if (values.size >= limit) values.clear();
    values.set(key, value);
    return value;
  };
}
