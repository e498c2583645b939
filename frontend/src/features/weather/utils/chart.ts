// Small helpers for the hand-drawn SVG charts.

/** Temperature axis bounds rounded out to whole steps of 5 with a little headroom. */
export function temperatureDomain(values: number[]): [number, number] {
  if (values.length === 0) return [0, 10];
  // `|| 0` turns -0 into 0 so the axis never reads "-0°".
  const low = Math.floor((Math.min(...values) - 1) / 5) * 5 || 0;
  const high = Math.ceil((Math.max(...values) + 1) / 5) * 5 || 0;
  return [low, high === low ? low + 5 : high];
}

/** SVG path through the points, starting a new segment after each gap (null). */
export function linePath(points: (readonly [number, number] | null)[]): string {
  let path = '';
  let drawing = false;
  for (const point of points) {
    if (!point) {
      drawing = false;
      continue;
    }
    path += `${drawing ? 'L' : 'M'}${point[0].toFixed(1)},${point[1].toFixed(1)}`;
    drawing = true;
  }
  return path;
}
