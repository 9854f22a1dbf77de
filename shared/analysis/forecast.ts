// Early warning (预警): a forecast per grid and hour, hour-of-week seasonality × recent level
// × the grid's share, and a warning when the count observed passes the forecast's Poisson
// upper bound. Formulas and the backtest: INDICES.md.
import { HOUR, hourOfWeek, type IncidentFact } from './facts';

export interface ForecastParams {
  /** Weeks of history the hour-of-week profile and the grid shares are taken from. */
  seasonWeeks: number;
  /** Hours the recent level compares with the profile's expectation. */
  levelHours: number;
  /** The level is kept within [1/levelClamp, levelClamp]. */
  levelClamp: number;
  /** Pseudo-count pulling sparse grids' shares toward an equal share. */
  shareSmoothing: number;
  /** A warning when P(X ≥ observed) under the forecast is below this. */
  alpha: number;
}

export const DEFAULT_FORECAST_PARAMS: ForecastParams = { seasonWeeks: 8, levelHours: 168, levelClamp: 2, shareSmoothing: 20, alpha: 0.001 };

/** Counts per grid and hour: counts[g * hours + h] for the hour starting at start + h hours. */
export interface HourlyCounts {
  grids: string[];
  start: number;
  hours: number;
  counts: Uint16Array;
}

/** Distinct incidents (duplicates merged into another are not counted) per grid and hour. */
export function hourlyCounts(incidents: Iterable<IncidentFact>, grids: string[], start: number, end: number): HourlyCounts {
  const hours = Math.ceil((end - start) / HOUR);
  const index = new Map(grids.map((g, i) => [g, i]));
  const counts = new Uint16Array(grids.length * hours);
  for (const incident of incidents) {
    if (incident.gridId === null || incident.mergedInto !== null || incident.state === 'merged') continue;
    const g = index.get(incident.gridId);
    if (g === undefined) continue;
    const h = Math.floor((Date.parse(incident.createdAt) - start) / HOUR);
    if (h >= 0 && h < hours) counts[g * hours + h]!++;
  }
  return { grids, start, hours, counts };
}

export interface ForecastModel {
  /** Expected town-wide count per hour of the week (the profile). */
  profile: Float64Array;
  level: number;
  shares: Float64Array;
}

/** The model as known at hour index `origin` (only hours before it are read). */
export function fitForecast(data: HourlyCounts, origin: number, params: ForecastParams = DEFAULT_FORECAST_PARAMS): ForecastModel {
  const G = data.grids.length;
  const window = params.seasonWeeks * 168;
  const from = Math.max(0, origin - window);
  const weeks = (origin - from) / 168;
  const town = new Float64Array(origin - from);
  const perGrid = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    const row = g * data.hours;
    let sum = 0;
    for (let h = from; h < origin; h++) {
      const c = data.counts[row + h]!;
      sum += c;
      town[h - from]! += c;
    }
    perGrid[g] = sum;
  }
  const profile = new Float64Array(168);
  let total = 0;
  for (let h = from; h < origin; h++) {
    profile[hourOfWeek(data.start + h * HOUR)]! += town[h - from]!;
    total += town[h - from]!;
  }
  for (let i = 0; i < 168; i++) profile[i] = weeks > 0 ? profile[i]! / weeks : 0;
  let observed = 0;
  let expected = 0;
  for (let h = Math.max(from, origin - params.levelHours); h < origin; h++) {
    observed += town[h - from]!;
    expected += profile[hourOfWeek(data.start + h * HOUR)]!;
  }
  const raw = expected > 0 ? observed / expected : 1;
  const level = Math.min(params.levelClamp, Math.max(1 / params.levelClamp, raw));
  const shares = new Float64Array(G);
  for (let g = 0; g < G; g++) shares[g] = (perGrid[g]! + params.shareSmoothing / G) / (total + params.shareSmoothing);
  return { profile, level, shares };
}

/** Expected count for grid g in the hour starting at `at`. */
export function expectedCount(model: ForecastModel, g: number, at: number): number {
  return model.profile[hourOfWeek(at)]! * model.level * model.shares[g]!;
}

function logFactorial(n: number): number {
  let s = 0;
  for (let k = 2; k <= n; k++) s += Math.log(k);
  return s;
}

/** P(X ≥ k) for X ~ Poisson(lambda). */
export function poissonTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  if (k <= lambda) {
    let term = Math.exp(-lambda);
    let below = term;
    for (let i = 1; i < k; i++) {
      term *= lambda / i;
      below += term;
    }
    return Math.max(0, 1 - below);
  }
  let term = Math.exp(k * Math.log(lambda) - lambda - logFactorial(k));
  let tail = 0;
  for (let i = k; term > tail * 1e-12 && i < k + 1000; i++) {
    tail += term;
    term *= lambda / (i + 1);
  }
  return Math.min(1, tail);
}

/** The largest count not yet a warning: P(X ≥ bound + 1) < alpha ≤ P(X ≥ bound). */
export function poissonUpperBound(lambda: number, alpha: number): number {
  let k = Math.max(0, Math.floor(lambda));
  while (poissonTail(k + 1, lambda) >= alpha) k++;
  return k;
}

/** The Poisson median, the point forecast that minimises absolute error. */
export function poissonMedian(lambda: number): number {
  let k = 0;
  let cdf = Math.exp(-lambda);
  let term = cdf;
  while (cdf < 0.5) {
    k++;
    term *= lambda / k;
    cdf += term;
  }
  return k;
}

export interface EarlyWarning {
  gridId: string;
  hourStart: string;
  observed: number;
  expected: number;
  upperBound: number;
  p: number;
  explanation: string;
}

/** Warnings for the hour starting at hour index `hour` (observed may be a partial hour). */
export function warningsAt(data: HourlyCounts, model: ForecastModel, hour: number, alpha: number, names?: ReadonlyMap<string, string>): EarlyWarning[] {
  const warnings: EarlyWarning[] = [];
  const at = data.start + hour * HOUR;
  for (let g = 0; g < data.grids.length; g++) {
    const observed = data.counts[g * data.hours + hour]!;
    if (observed === 0) continue;
    const lambda = expectedCount(model, g, at);
    const p = poissonTail(observed, lambda);
    if (p >= alpha) continue;
    const gridId = data.grids[g]!;
    const upperBound = poissonUpperBound(lambda, alpha);
    warnings.push({
      gridId,
      hourStart: new Date(at).toISOString(),
      observed,
      expected: Math.round(lambda * 1000) / 1000,
      upperBound,
      p: Number(p.toPrecision(3)),
      explanation:
        `${names?.get(gridId) ?? gridId}: ${observed} incidents this hour, forecast ${lambda.toFixed(2)} ` +
        `(hour-of-week ${model.profile[hourOfWeek(at)]!.toFixed(2)} town-wide × level ${model.level.toFixed(2)} × grid share ${(model.shares[g]! * 100).toFixed(2)}%); ` +
        `more than the ${((1 - alpha) * 100).toFixed(1)}% Poisson bound of ${upperBound} (p = ${p.toPrecision(2)})`,
    });
  }
  return warnings;
}

export interface Backtest {
  days: number;
  cells: number;
  /** Mean absolute error per grid×hour: the forecast's mean, its median, same hour last week. */
  maeMean: number;
  maeMedian: number;
  maeNaive: number;
  rmseMean: number;
  rmseNaive: number;
  /** Forecasting 0 everywhere: a sparse series' trap. The median must beat it, not only naive. */
  maeZero: number;
  /** The same forecast summed to coarser cells, where counts outgrow the Poisson noise:
   *  grid × day (against the same day last week) and town × hour (same hour last week). */
  gridDay: { maeMean: number; maeNaive: number };
  townHour: { maeMean: number; maeNaive: number };
  warnings: number;
  warningsPerDay: number;
}

/**
 * Rolls the forecast over the days from hour index `fromHour` (a town midnight) to the end:
 * each day is forecast from what was known at its midnight, 1–24 hours ahead.
 */
export function backtest(data: HourlyCounts, fromHour: number, params: ForecastParams = DEFAULT_FORECAST_PARAMS): Backtest {
  let absMean = 0;
  let absMedian = 0;
  let absNaive = 0;
  let sqMean = 0;
  let sqNaive = 0;
  let absZero = 0;
  let cells = 0;
  let warnings = 0;
  let days = 0;
  const gridDay = { mean: 0, naive: 0, cells: 0 };
  const townHour = { mean: 0, naive: 0, cells: 0 };
  const townObserved = new Float64Array(24);
  const townLambda = new Float64Array(24);
  const townNaive = new Float64Array(24);
  const medians = new Map<number, number>();
  const bounds = new Map<number, number>();
  const lookup = (cache: Map<number, number>, lambda: number, f: (l: number) => number) => {
    const key = Math.round(lambda * 1e4);
    let v = cache.get(key);
    if (v === undefined) cache.set(key, (v = f(key / 1e4)));
    return v;
  };
  for (let day = fromHour; day + 24 <= data.hours; day += 24) {
    const model = fitForecast(data, day, params);
    days++;
    townObserved.fill(0);
    townLambda.fill(0);
    townNaive.fill(0);
    for (let g = 0; g < data.grids.length; g++) {
      const row = g * data.hours;
      let dayObserved = 0;
      let dayLambda = 0;
      let dayNaive = 0;
      for (let h = day; h < day + 24; h++) {
        const observed = data.counts[row + h]!;
        const lambda = expectedCount(model, g, data.start + h * HOUR);
        const naive = h >= 168 ? data.counts[row + h - 168]! : 0;
        dayObserved += observed;
        dayLambda += lambda;
        dayNaive += h >= 168 ? data.counts[row + h - 168]! : 0;
        townObserved[h - day]! += observed;
        townLambda[h - day]! += lambda;
        townNaive[h - day]! += naive;
        absZero += observed;
        absMean += Math.abs(observed - lambda);
        absMedian += Math.abs(observed - lookup(medians, lambda, poissonMedian));
        absNaive += Math.abs(observed - naive);
        sqMean += (observed - lambda) ** 2;
        sqNaive += (observed - naive) ** 2;
        if (observed > lookup(bounds, lambda, (l) => poissonUpperBound(l, params.alpha))) warnings++;
        cells++;
      }
      gridDay.mean += Math.abs(dayObserved - dayLambda);
      gridDay.naive += Math.abs(dayObserved - dayNaive);
      gridDay.cells++;
    }
    for (let i = 0; i < 24; i++) {
      townHour.mean += Math.abs(townObserved[i]! - townLambda[i]!);
      townHour.naive += Math.abs(townObserved[i]! - townNaive[i]!);
      townHour.cells++;
    }
  }
  const per = (x: number) => (cells ? x / cells : 0);
  const mae = (sum: { mean: number; naive: number; cells: number }) => ({ maeMean: sum.cells ? sum.mean / sum.cells : 0, maeNaive: sum.cells ? sum.naive / sum.cells : 0 });
  return {
    days,
    cells,
    maeMean: per(absMean),
    maeMedian: per(absMedian),
    maeNaive: per(absNaive),
    rmseMean: Math.sqrt(per(sqMean)),
    rmseNaive: Math.sqrt(per(sqNaive)),
    maeZero: per(absZero),
    gridDay: mae(gridDay),
    townHour: mae(townHour),
    warnings,
    warningsPerDay: days ? warnings / days : 0,
  };
}
