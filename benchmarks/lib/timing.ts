// Build timing shared by every implementation in the benchmarks, so that all are timed alike.

/**
 * Times a build: once when it takes a second or more, else three times, reporting the median
 * (a shared 2-core machine makes single short timings noisy). Returns the last build.
 */
export function timeBuild<T>(build: () => T): [T, number] {
  const times: number[] = [];
  let result: T;
  do {
    const t0 = performance.now();
    result = build();
    times.push(performance.now() - t0);
  } while (times.length < 3 && times[0]! < 1000);
  times.sort((a, b) => a - b);
  return [result, times[Math.floor(times.length / 2)]!];
}
