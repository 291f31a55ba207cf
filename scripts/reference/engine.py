"""Independent Python reference implementation of Trendline's forecast engine.

This module implements the deterministic parts of the engine exactly as docs/engine.md
specifies them. It was written from that document alone, without reading the Rust code in
crates/, so that the golden values it produces (scripts/reference/make_golden.py ->
tests/golden/engine.json) are an independent check on the Rust implementation.

Numerical routes (deliberately different from a straightforward f64 port):

* Ordinary least squares is solved in exact rational arithmetic (fractions.Fraction) on the
  f64 inputs (integer day numbers and the f64 values of log2(value) or log2 odds), and only
  the final results are rounded to f64. Slope, intercept, doubling time, SSE, R^2, the anchor
  level and every crossing abscissa of a straight-line model are therefore the correctly
  rounded values of the exact least-squares solution; floor() for crossing dates is taken on
  the exact rational, so a date is never off by one through rounding. Every OLS fit is
  cross-checked against numpy.polyfit and scipy.stats.linregress (relative agreement 1e-9).
* The superexponential fit minimises the SSE with a dense grid over (log T0, a), Nelder-Mead
  from the best grid cells (scipy.optimize.minimize, xatol/fatol 1e-12), then a bounded
  least-squares polish (scipy.optimize.least_squares, trf, analytic Jacobian, tolerances at
  machine epsilon). y0 is profiled out (mean residual) during the search.
* The superexponential closed forms use log1p/expm1 for accuracy near a = 0.

Conventions (see docs/engine.md):

* x is a day number: days since 1970-01-01 (2023-01-01 is 19358); a fractional x is reported
  as the ISO date of floor(x).
* log2 is the base of every transform; slopes are in log2 units per day.
* Values of horizon series are in the series' unit (minutes for METR); the cap and the
  milestones (in hours) are converted with 1 h = 60 min.
"""

from __future__ import annotations

import csv
import datetime as _dt
import json
import math
import os
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Dict, Iterable, List, Optional, Sequence

import numpy as np
import scipy
import scipy.optimize
import scipy.stats

# ---------------------------------------------------------------------------------------------
# Constants

EPOCH_ORDINAL = _dt.date(1970, 1, 1).toordinal()
LOGISTIC_EPS = 0.001
DEFAULT_SAT = 100.0
MINUTES_PER_HOUR = 60.0

#: Milestones of horizon series, hours (docs/engine.md "Milestones").
WORK_MILESTONES = [("work-day", 8.0), ("work-week", 40.0), ("work-month", 167.0), ("work-year", 2000.0)]
CALENDAR_MILESTONES = [("day", 24.0), ("week", 168.0), ("month", 730.0), ("year", 8766.0)]
#: Milestones of percentage series, percent.
PCT_MILESTONES = [("pct-50", 50.0), ("pct-80", 80.0), ("pct-90", 90.0), ("pct-95", 95.0), ("pct-99", 99.0)]

#: Superexponential fit bounds.
SX_T0_MIN = 1.0
SX_T0_MAX = 36525.0
SX_A_MIN = -0.9
SX_A_MAX = 0.95

# ---------------------------------------------------------------------------------------------
# Dates


def day_number(iso: str) -> int:
    """Days since 1970-01-01 of an ISO date YYYY-MM-DD."""
    return _dt.date.fromisoformat(iso).toordinal() - EPOCH_ORDINAL


def floor_day(x) -> int:
    """floor(x) of a float, int or Fraction, as an int."""
    return math.floor(x)


def iso_date(x) -> str:
    """The ISO date of floor(x), x a (possibly fractional) day number."""
    return _dt.date.fromordinal(floor_day(x) + EPOCH_ORDINAL).isoformat()


#: The last reportable crossing date; later crossings are "never".
MAX_DAY = day_number("2999-12-31")
#: The first representable date (Python's date range); earlier crossings are "never" too.
MIN_DAY = _dt.date(1, 1, 1).toordinal() - EPOCH_ORDINAL

# ---------------------------------------------------------------------------------------------
# Data


@dataclass
class Point:
    id: str
    model: str
    date: str
    x: int
    value: float
    kind: str
    flag: Optional[bool]  # the source's published frontier flag, None where not published
    frontier: bool = False  # resolved frontier status (flag or running maximum)


def repo_root() -> str:
    return os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def load_manifest(root: Optional[str] = None) -> dict:
    root = root or repo_root()
    with open(os.path.join(root, "data", "manifest.json"), encoding="utf-8") as fh:
        return json.load(fh)


def manifest_entry(series_id: str, manifest: Optional[dict] = None) -> dict:
    manifest = manifest or load_manifest()
    for s in manifest["series"]:
        if s["id"] == series_id:
            return s
    raise KeyError(series_id)


def series_path(series_id: str, root: Optional[str] = None) -> str:
    root = root or repo_root()
    entry = manifest_entry(series_id, load_manifest(root))
    return os.path.join(root, "data", entry["file"])


def _parse_flag(text: str) -> Optional[bool]:
    t = text.strip()
    if t == "":
        return None
    if t == "true":
        return True
    if t == "false":
        return False
    raise ValueError(f"bad frontier flag {text!r}")


def resolve_frontier(points: List[Point]) -> None:
    """Set Point.frontier for every point of one series, in place.

    Only points of kind `measured` can be frontier. If the source publishes a flag (every
    measured point has one), the flag is used. Otherwise the running maximum over the measured
    points of the whole series: a point is frontier iff its value is >= the largest value of
    any measured point dated on or before its date (same-date points included, ties count).
    The frontier is a property of the series: it does not depend on a fit's window, drop list
    or cap.
    """
    measured = [p for p in points if p.kind == "measured"]
    flags = [p.flag for p in measured]
    if measured and all(f is not None for f in flags):
        for p in points:
            p.frontier = bool(p.kind == "measured" and p.flag)
        return
    if any(f is not None for f in flags):
        raise ValueError("series mixes published and missing frontier flags")
    best_by_date: Dict[int, float] = {}
    for p in measured:
        best_by_date[p.x] = max(best_by_date.get(p.x, -math.inf), p.value)
    running = -math.inf
    best_upto: Dict[int, float] = {}
    for x in sorted(best_by_date):
        running = max(running, best_by_date[x])
        best_upto[x] = running
    for p in points:
        p.frontier = p.kind == "measured" and p.value >= best_upto[p.x]


def load_series(series_id: str, root: Optional[str] = None) -> List[Point]:
    """Read data/series/<id>.csv with the csv module (values parsed with float())."""
    path = series_path(series_id, root)
    pts: List[Point] = []
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            pts.append(
                Point(
                    id=row["id"],
                    model=row["model"],
                    date=row["date"],
                    x=day_number(row["date"]),
                    value=float(row["value"]),
                    kind=row["kind"],
                    flag=_parse_flag(row["frontier"]),
                )
            )
    resolve_frontier(pts)
    return pts


def default_cap_hours(series_id: str, manifest: Optional[dict] = None) -> Optional[float]:
    """The manifest's fit_cap (in the series' unit, minutes) converted to hours; None if absent."""
    entry = manifest_entry(series_id, manifest)
    cap = entry.get("fit_cap")
    if cap is None:
        return None
    if entry.get("unit") != "minutes":
        raise ValueError("fit_cap is only defined for minute-valued series")
    return float(cap) / MINUTES_PER_HOUR


# ---------------------------------------------------------------------------------------------
# Selection


def select_points(
    points: Sequence[Point],
    selection: str = "frontier",
    date_from: Optional[str] = None,
    date_to: Optional[str] = None,
    drop: Iterable[str] = (),
    cap_hours: Optional[float] = None,
    cap_values: Optional[Dict[str, float]] = None,
) -> List[Point]:
    """The fitted points (docs/engine.md "Time and selection").

    date_from/date_to: inclusive ISO bounds, None = open. selection: "frontier" or "all".
    Only kind `measured`. drop: ids left out. cap_hours: points whose cap value (the point's
    own value, or cap_values[id] when given, e.g. the model's 50% horizon for derived
    reliability levels) is above cap_hours*60 minutes are left out; a value equal to the cap
    is kept. Each measurement counts once: a point with the same date and value as a point
    already selected is a copy (ECI lists one model's score under each reasoning setting) and
    is left out. The result keeps the series order (date order).
    """
    if selection not in ("frontier", "all"):
        raise ValueError(selection)
    lo = day_number(date_from) if date_from else None
    hi = day_number(date_to) if date_to else None
    dropped = set(drop)
    cap_min = None if cap_hours is None else cap_hours * MINUTES_PER_HOUR
    out = []
    for p in points:
        if lo is not None and p.x < lo:
            continue
        if hi is not None and p.x > hi:
            continue
        if p.kind != "measured":
            continue
        if selection == "frontier" and not p.frontier:
            continue
        if p.id in dropped:
            continue
        if cap_min is not None:
            v = cap_values[p.id] if cap_values is not None else p.value
            if v > cap_min:
                continue
        if any(q.x == p.x and q.value == p.value for q in out):
            continue
        out.append(p)
    return out


# ---------------------------------------------------------------------------------------------
# Ordinary least squares (exact rational arithmetic, cross-checked with numpy/scipy)


@dataclass
class LineFit:
    """y = intercept + slope * x fitted by OLS. Exact rationals kept for downstream use."""

    n: int
    x: List[int]
    y: List[float]
    ids: List[str]
    a: Fraction  # intercept (exact)
    b: Fraction  # slope (exact)
    sse: Fraction
    sst: Fraction

    @property
    def slope(self) -> float:
        return float(self.b)

    @property
    def intercept(self) -> float:
        return float(self.a)

    @property
    def x_first(self) -> int:
        return min(self.x)

    @property
    def x_last(self) -> int:
        return max(self.x)

    @property
    def doubling(self) -> Optional[float]:
        """1/b days; None when b <= 0."""
        return float(1 / self.b) if self.b > 0 else None

    @property
    def r2(self) -> Optional[float]:
        return float(1 - self.sse / self.sst) if self.sst > 0 else None

    @property
    def resid_sd(self) -> Optional[float]:
        return math.sqrt(float(self.sse / (self.n - 2))) if self.n > 2 else None

    def aicc(self, k: int = 3) -> Optional[float]:
        return aicc(float(self.sse), self.n, k)

    def level(self, x) -> Fraction:
        """Exact fitted level a + b*x at x (int or Fraction)."""
        return self.a + self.b * Fraction(x)


def ols(x: Sequence[int], y: Sequence[float], ids: Sequence[str]) -> LineFit:
    """OLS of y on x: b = S_xy/S_xx, a = ybar - b*xbar, solved exactly on the f64 inputs."""
    n = len(x)
    if n < 2 or len(set(x)) < 2:
        raise ValueError("an OLS fit needs n >= 2 and at least two distinct dates")
    X = [Fraction(int(v)) for v in x]
    Y = [Fraction(float(v)) for v in y]
    xbar = sum(X) / n
    ybar = sum(Y) / n
    sxx = sum((xi - xbar) ** 2 for xi in X)
    sxy = sum((xi - xbar) * (yi - ybar) for xi, yi in zip(X, Y))
    b = sxy / sxx
    a = ybar - b * xbar
    sse = sum((yi - a - b * xi) ** 2 for xi, yi in zip(X, Y))
    sst = sum((yi - ybar) ** 2 for yi in Y)
    fit = LineFit(n=n, x=[int(v) for v in x], y=[float(v) for v in y], ids=list(ids), a=a, b=b, sse=sse, sst=sst)
    _crosscheck_ols(fit)
    return fit


def _rel_close(u: float, v: float, tol: float) -> bool:
    return abs(u - v) <= tol * max(abs(u), abs(v), 1e-300)


def _crosscheck_ols(fit: LineFit, tol: float = 1e-9) -> None:
    """The exact solution must agree with numpy.polyfit and scipy.stats.linregress."""
    xs = np.asarray(fit.x, dtype=float)
    ys = np.asarray(fit.y, dtype=float)
    b_np, a_np = np.polyfit(xs, ys, 1)
    lr = scipy.stats.linregress(xs, ys)
    # Compare the intercept at the data's centre (the intercept at x = 0 is a large
    # extrapolation and amplifies f64 rounding in the library routes).
    xc = float(sum(fit.x)) / fit.n
    ref_mid = float(fit.level(Fraction(sum(fit.x), fit.n)))
    scale = max(abs(v) for v in fit.y) + 1.0
    for name, b_o, a_o in (("polyfit", b_np, a_np), ("linregress", lr.slope, lr.intercept)):
        if not _rel_close(float(b_o), fit.slope, tol):
            raise AssertionError(f"{name} slope {b_o!r} disagrees with exact {fit.slope!r}")
        mid = float(a_o) + float(b_o) * xc
        if abs(mid - ref_mid) > tol * scale:
            raise AssertionError(f"{name} level at centre {mid!r} disagrees with exact {ref_mid!r}")
    if fit.r2 is not None and abs(lr.rvalue ** 2 - fit.r2) > 1e-9:
        raise AssertionError(f"linregress r^2 {lr.rvalue ** 2!r} disagrees with exact {fit.r2!r}")


def aicc(sse: float, n: int, k: int) -> Optional[float]:
    """AIC = N ln(SSE/N) + 2k; AICc = AIC + 2k(k+1)/(N-k-1); None when N-k-1 <= 0 or SSE <= 0."""
    if n - k - 1 <= 0 or not sse > 0:
        return None
    return n * math.log(sse / n) + 2 * k + 2 * k * (k + 1) / (n - k - 1)


# ---------------------------------------------------------------------------------------------
# Exponential and logistic fits


def exp_fit(points: Sequence[Point], values: Optional[Dict[str, float]] = None) -> LineFit:
    """OLS of log2(value) on x. values: optional replacement values by id (derived horizons)."""
    vals = [values[p.id] if values is not None else p.value for p in points]
    if any(not v > 0 for v in vals):
        raise ValueError("exponential fit needs positive values")
    return ols([p.x for p in points], [math.log2(v) for v in vals], [p.id for p in points])


def logistic_z(value: float, sat: float = DEFAULT_SAT, eps: float = LOGISTIC_EPS) -> float:
    """z = log2(p/(1-p)) with p = clamp(value/sat, eps, 1-eps)."""
    p = value / sat
    p = min(max(p, eps), 1.0 - eps)
    return math.log2(p / (1.0 - p))


def logistic_fit(points: Sequence[Point], sat: float = DEFAULT_SAT, eps: float = LOGISTIC_EPS) -> LineFit:
    return ols([p.x for p in points], [logistic_z(p.value, sat, eps) for p in points], [p.id for p in points])


def logistic_value(z: float, sat: float = DEFAULT_SAT) -> float:
    """v = sat / (1 + 2^-z)."""
    return sat * 1.0 / (1.0 + 2.0 ** (-z))


# ---------------------------------------------------------------------------------------------
# Straight-line projection and crossings (exponential in log2 value; logistic in log2 odds)


@dataclass
class Crossing:
    x: Optional[Fraction]  # exact crossing abscissa (None = never)
    along: Optional[str]  # "fit" (target at or below the anchor level) or "projection"

    @property
    def date(self) -> Optional[str]:
        return None if self.x is None else iso_date(self.x)

    def as_json(self) -> dict:
        return {
            "x": None if self.x is None else float(self.x),
            "date": self.date,
            "along": self.along,
        }


def _bounded(x, along: str) -> Crossing:
    if x is None:
        return Crossing(None, None)
    d = floor_day(x)
    if d > MAX_DAY or d < MIN_DAY:
        return Crossing(None, None)
    return Crossing(x, along)


def line_crossing(fit: LineFit, target: float, doubling: Optional[float] = None) -> Crossing:
    """First x where the projection of a straight-line fit reaches `target` (same units as y).

    Anchor x_A = the last fitted date, anchor level y_A = the fitted line at x_A (anchor=fit).
    Targets at or below y_A are crossed along the fitted line: x = (target - a)/b, which needs
    b > 0 (a flat or falling fitted line gives "never"). Targets above y_A are crossed along
    the projection y_A + (x - x_A)/T: x = x_A + (target - y_A)*T, with T = `doubling` (an
    assumed doubling time, days, > 0) or the fitted 1/b (None -> fitted; "never" if b <= 0).
    Crossings dated after 2999-12-31 are "never". All arithmetic is exact (Fractions).
    """
    t = Fraction(float(target))
    x_a = Fraction(fit.x_last)
    y_a = fit.level(x_a)
    if t <= y_a:
        if fit.b <= 0:
            return Crossing(None, None)
        return _bounded((t - fit.a) / fit.b, "fit")
    if doubling is None:
        if fit.b <= 0:
            return Crossing(None, None)
        T = 1 / fit.b
    else:
        if not doubling > 0:
            return Crossing(None, None)
        T = Fraction(float(doubling))
    return _bounded(x_a + (t - y_a) * T, "projection")


def horizon_target(hours: float) -> float:
    """log2 of a milestone in hours, in the minutes unit of the horizon series."""
    return math.log2(hours * MINUTES_PER_HOUR)


def pct_target(pct: float, sat: float = DEFAULT_SAT) -> Optional[float]:
    """log2 odds of a percentage milestone; None (never) at or above saturation (or <= 0)."""
    p = pct / sat
    if p >= 1.0 or p <= 0.0:
        return None
    return math.log2(p / (1.0 - p))


def logistic_crossing(fit: LineFit, pct: float, sat: float = DEFAULT_SAT, doubling: Optional[float] = None) -> Crossing:
    z = pct_target(pct, sat)
    if z is None:
        return Crossing(None, None)
    return line_crossing(fit, z, doubling)


CAL_MIN_TRAIN = 4
CAL_PRIOR_RHO = 0.3
CAL_PRIOR_SCALE = 1.2
CAL_PRIOR_PAIRS = 3.0


def calibrate(xs: Sequence[int], ys: Sequence[float]) -> dict:
    """The calibrated band's corrections from the series' own hindcasts (docs/engine.md
    "Calibrated band"): for every distinct date o with >= 4 points before it, an exact OLS fit
    on those points (copies included) predicts every distinct (date, value) point dated on or
    after o, each once; e = y - fit(x),
    v = s^2 (1 + 1/n + (x - xbar)^2/Sxx), u = b (x - x_last). One-step pairs (x = o) give the
    bias mu and the spread scale c; all pairs give the rate change rho; each shrunk to its prior
    with weight 3 pairs."""
    pts = sorted((int(x), float(y)) for x, y in zip(xs, ys) if math.isfinite(y))
    pairs = []  # (e, v, u, one_step)
    for o in sorted(set(p[0] for p in pts)):
        train = [p for p in pts if p[0] < o]
        if len(train) < CAL_MIN_TRAIN:
            continue
        try:
            f = ols([p[0] for p in train], [p[1] for p in train], [str(i) for i in range(len(train))])
        except ValueError:
            continue
        n = f.n
        X = [Fraction(p[0]) for p in train]
        xbar = sum(X) / n
        sxx = sum((xi - xbar) ** 2 for xi in X)
        s2 = f.sse / (n - 2)
        x_a = max(p[0] for p in train)
        seen = set()
        for x, y in pts:
            if x < o or (x, y) in seen:
                continue
            seen.add((x, y))
            e = float(Fraction(y) - f.level(x))
            v = float(s2 * (1 + Fraction(1, n) + (Fraction(x) - xbar) ** 2 / sxx))
            u = float(f.b * (x - x_a))
            pairs.append((e, v, u, x == o))
    out = {"bias": 0.0, "scale": CAL_PRIOR_SCALE, "rho": CAL_PRIOR_RHO, "one_step": 0, "pairs": 0}
    one = [p for p in pairs if p[3]]
    if not one:
        return out
    w = CAL_PRIOR_PAIRS
    p1, pa = float(len(one)), float(len(pairs))

    def shrink(own2, k, prior):
        return math.sqrt((k * own2 + w * prior * prior) / (k + w))

    bias = math.fsum(p[0] for p in one) / (p1 + w)
    sv = math.fsum(p[1] for p in one)
    se = math.fsum((p[0] - bias) ** 2 for p in one)
    c2 = se / sv if sv > 0 else 0.0
    scale = shrink(c2, p1, CAL_PRIOR_SCALE)
    num = math.fsum((p[0] - bias) ** 2 - scale * scale * p[1] for p in pairs)
    den = math.fsum(p[2] * p[2] for p in pairs)
    r2 = num / den if den > 0 and num > 0 else 0.0
    rho = shrink(r2, pa, CAL_PRIOR_RHO)
    return {"bias": bias, "scale": scale, "rho": rho, "one_step": len(one), "pairs": len(pairs)}


def line_projection(fit: LineFit, x, doubling: Optional[float] = None) -> float:
    """Projected level at x >= x_A: y_A + (x - x_A)/T (exact, rounded once); the fitted line before x_A."""
    X = Fraction(x)
    if X <= fit.x_last:
        return float(fit.level(X))
    T = (1 / fit.b) if doubling is None else Fraction(float(doubling))
    y_a = fit.level(fit.x_last)
    return float(y_a + (X - fit.x_last) / T)


# ---------------------------------------------------------------------------------------------
# Superexponential model


def sx_lambda(a: float) -> float:
    """lambda = -ln(1 - a)."""
    return -math.log1p(-a)


def _sx_floor(T0: float, a: float, f: float):
    """(effective floor, n_f, t_f) or None when no floor binds.

    A floor binds only for a > 0 and f > 0; a floor above T0 is treated as T0 (then n_f = 0,
    t_f = 0). For a <= 0 the doubling time never falls below T0 >= f, so the floor never binds.
    """
    if not (a > 0 and f > 0):
        return None
    fe = min(f, T0)
    lam = sx_lambda(a)
    n_f = math.log(T0 / fe) / lam
    t_f = (T0 - fe) / lam
    return fe, n_f, t_f


def sx_n(t: float, T0: float, a: float, f: float = 0.0) -> Optional[float]:
    """Doublings completed t days after the start; None at or beyond the singularity."""
    fl = _sx_floor(T0, a, f)
    if fl is not None:
        fe, n_f, t_f = fl
        if t > t_f:
            return n_f + (t - t_f) / fe
    if a == 0:
        return t / T0
    lam = sx_lambda(a)
    u = lam * t / T0
    if u >= 1.0:
        return None
    return -math.log1p(-u) / lam


def sx_t(n: float, T0: float, a: float, f: float = 0.0) -> Optional[float]:
    """Days needed for n doublings from the start; None if never (non-finite)."""
    fl = _sx_floor(T0, a, f)
    if fl is not None:
        fe, n_f, t_f = fl
        if n > n_f:
            return t_f + (n - n_f) * fe
    if a == 0:
        return n * T0
    lam = sx_lambda(a)
    t = -T0 * math.expm1(-lam * n) / lam
    return t if math.isfinite(t) else None


def sx_singularity(T0: float, a: float, f: float = 0.0) -> Optional[float]:
    """t* = T0/lambda for a > 0 without a floor; None otherwise."""
    if a > 0 and not f > 0:
        return T0 / sx_lambda(a)
    return None


def sx_doubling_time(n: float, T0: float, a: float, f: float = 0.0) -> float:
    """T(n) = max(T0 (1-a)^n, f) (f above T0 treated as T0)."""
    fe = min(f, T0) if f > 0 else 0.0
    return max(T0 * math.exp(-sx_lambda(a) * n) if a != 0 else T0, fe)


def _n_vec(t: np.ndarray, T0: float, a: float) -> np.ndarray:
    """n(t) without floor, vectorised; inf at/after the singularity."""
    if a == 0:
        return t / T0
    lam = -np.log1p(-a)
    u = lam * t / T0
    with np.errstate(divide="ignore", invalid="ignore"):
        out = -np.log1p(-u) / lam
    out[u >= 1.0] = np.inf
    return out


def _dn(t: np.ndarray, T0: float, a: float):
    """(dn/dT0, dn/da) without floor, analytic, with series expansions for small lambda*t/T0."""
    lam = -math.log1p(-a)
    if lam == 0.0:
        s = t / T0
        return -t / T0 ** 2, (s * s / 2.0)  # dn/dlam at 0 is (t/T0)^2/2; dlam/da = 1 at a = 0
    u = lam * t / T0
    dn_dT0 = -t / (T0 * (T0 - lam * t))
    small = np.abs(u) < 1e-3
    with np.errstate(divide="ignore", invalid="ignore"):
        g = -np.log1p(-u)
        dn_dlam = (t / (T0 - lam * t)) / lam - g / lam ** 2
    s = t / T0
    uu = u[small]
    # n = (s/u) * (u + u^2/2 + u^3/3 + ...)/... -> dn/dlam = s^2 (1/2 + 2u/3 + 3u^2/4 + 4u^3/5 + 5u^4/6)
    dn_dlam[small] = s[small] ** 2 * (0.5 + uu * (2 / 3 + uu * (3 / 4 + uu * (4 / 5 + uu * (5 / 6)))))
    return dn_dT0, dn_dlam / (1.0 - a)


@dataclass
class SuperexpFit:
    n: int
    ids: List[str]
    x_first: int
    x_last: int
    y0: float
    T0: float
    a: float
    sse: float
    on_bound: List[str] = field(default_factory=list)
    grid_best: dict = field(default_factory=dict)
    aicc: Optional[float] = None

    @property
    def lam(self) -> float:
        return sx_lambda(self.a)

    @property
    def t_anchor(self) -> int:
        return self.x_last - self.x_first

    @property
    def n_anchor(self) -> float:
        return sx_n(self.t_anchor, self.T0, self.a)

    @property
    def anchor_level(self) -> float:
        """Fitted log2 value at the anchor: y0 + n(t_A)."""
        return self.y0 + self.n_anchor

    @property
    def doubling_at_anchor(self) -> float:
        """T(n(t_A)) = T0 (1-a)^n(t_A) (no floor in the fit)."""
        return sx_doubling_time(self.n_anchor, self.T0, self.a)

    @property
    def singularity_t(self) -> Optional[float]:
        return sx_singularity(self.T0, self.a)


def _profile_sse(t: np.ndarray, y: np.ndarray, T0: float, a: float) -> float:
    n = _n_vec(t, T0, a)
    if not np.all(np.isfinite(n)):
        return math.inf
    r = y - n
    r = r - r.mean()
    return float(np.dot(r, r))


def superexp_fit(points: Sequence[Point], grid_a: int = 371, grid_T0: int = 401) -> SuperexpFit:
    """Minimise SSE(y0, T0, a) = sum (y_i - y0 - n(x_i - x_first; T0, a))^2 (no floor).

    Bounds T0 in [1, 36525], a in [-0.9, 0.95], every fitted point strictly before the
    singularity. Global search: a dense grid over a (step 0.005) and log T0 (401 points) with
    y0 profiled out; Nelder-Mead from each of the 8 best grid local minima; the best result is
    polished with least_squares (trf, analytic Jacobian, bounds) and must not increase the SSE.
    """
    xs = np.array([p.x for p in points], dtype=float)
    ys = np.array([math.log2(p.value) for p in points], dtype=float)
    x_first = int(min(p.x for p in points))
    x_last = int(max(p.x for p in points))
    t = xs - x_first
    N = len(points)
    if N < 4 or len(set(p.x for p in points)) < 3:
        raise ValueError("a superexponential fit needs at least 4 points on 3 dates")

    A = np.linspace(SX_A_MIN, SX_A_MAX, grid_a)
    A[np.argmin(np.abs(A))] = 0.0
    L = np.linspace(math.log(SX_T0_MIN), math.log(SX_T0_MAX), grid_T0)
    S = np.full((grid_a, grid_T0), np.inf)
    for i, a in enumerate(A):
        for j, lt in enumerate(L):
            S[i, j] = _profile_sse(t, ys, math.exp(lt), float(a))
    # Local minima of the grid (8-neighbourhood), best first.
    cand = []
    for i in range(grid_a):
        for j in range(grid_T0):
            v = S[i, j]
            if not math.isfinite(v):
                continue
            nb = S[max(i - 1, 0) : i + 2, max(j - 1, 0) : j + 2]
            if v <= nb.min():
                cand.append((v, i, j))
    cand.sort()
    gi, gj = cand[0][1], cand[0][2]
    grid_best = {"a": float(A[gi]), "T0": float(math.exp(L[gj])), "sse": float(cand[0][0]), "local_minima": len(cand)}

    lo = np.array([math.log(SX_T0_MIN), SX_A_MIN])
    hi = np.array([math.log(SX_T0_MAX), SX_A_MAX])

    def f2(v):
        return _profile_sse(t, ys, math.exp(v[0]), float(v[1]))

    best = None
    for _, i, j in cand[:8]:
        x0 = np.array([L[j], A[i]])
        res = scipy.optimize.minimize(
            f2,
            x0,
            method="Nelder-Mead",
            bounds=list(zip(lo, hi)),
            options={"xatol": 1e-12, "fatol": 1e-12, "maxiter": 20000, "maxfev": 40000, "initial_simplex": None},
        )
        if best is None or res.fun < best.fun:
            best = res
    lT0, a = float(best.x[0]), float(best.x[1])
    T0 = math.exp(lT0)
    y0 = float(np.mean(ys - _n_vec(t, T0, a)))

    # Least-squares polish in (y0, T0, a).
    def resid(p):
        n = _n_vec(t, p[1], p[2])
        if not np.all(np.isfinite(n)):
            return np.full(N, 1e6)
        return ys - p[0] - n

    def jac(p):
        dT0, da = _dn(t, p[1], p[2])
        return np.column_stack([-np.ones(N), -dT0, -da])

    eps = np.finfo(float).eps
    p0 = np.array([y0, T0, a])
    lsq = scipy.optimize.least_squares(
        resid,
        p0,
        jac=jac,
        bounds=([-np.inf, SX_T0_MIN, SX_A_MIN], [np.inf, SX_T0_MAX, SX_A_MAX]),
        method="trf",
        x_scale="jac",
        ftol=eps,
        xtol=eps,
        gtol=eps,
        max_nfev=10000,
    )
    r_poly = resid(lsq.x)
    r0 = resid(p0)
    p = lsq.x if float(np.dot(r_poly, r_poly)) <= float(np.dot(r0, r0)) else p0
    # The SSE is flat to f64 precision near the optimum, so SSE-based stopping leaves the
    # parameters uncertain at ~1e-8 relative. Finish with undamped Gauss-Newton steps (the
    # fixed point of J^T r = 0, solved by numpy.linalg.lstsq) while the optimum is interior,
    # keeping the iterate with the smallest scaled gradient.
    def grad_norm(q):
        J = jac(q)
        return float(np.max(np.abs(J.T @ resid(q)) * np.linalg.norm(J, axis=0)))

    best_p, best_g = p, grad_norm(p)
    sse_start = float(np.dot(resid(p), resid(p)))
    q = p.copy()
    for _ in range(60):
        step = np.linalg.lstsq(jac(q), -resid(q), rcond=None)[0]
        qn = q + step
        if not (SX_T0_MIN < qn[1] < SX_T0_MAX and SX_A_MIN < qn[2] < SX_A_MAX):
            break
        if not np.all(np.isfinite(_n_vec(t, qn[1], qn[2]))):
            break
        q = qn
        gq = grad_norm(q)
        rq = resid(q)
        if gq < best_g and float(np.dot(rq, rq)) <= sse_start * (1 + 1e-12):
            best_p, best_g = q, gq
        if np.all(np.abs(step) <= 4 * eps * np.maximum(np.abs(q), 1.0)):
            break
    y0, T0, a = (float(v) for v in best_p)
    # Re-profile y0 exactly (mean residual) at the final (T0, a).
    y0 = float(np.mean(ys - _n_vec(t, T0, a)))
    r = ys - y0 - _n_vec(t, T0, a)
    sse = float(np.dot(r, r))
    if sse > grid_best["sse"] * (1 + 1e-12):
        raise AssertionError("superexp refinement ended above the best grid point")

    on_bound = []
    for name, v, b in (("T0_min", T0, SX_T0_MIN), ("T0_max", T0, SX_T0_MAX), ("a_min", a, SX_A_MIN), ("a_max", a, SX_A_MAX)):
        if abs(v - b) <= 1e-9 * max(1.0, abs(b)):
            on_bound.append(name)

    fit = SuperexpFit(
        n=N,
        ids=[p.id for p in points],
        x_first=x_first,
        x_last=x_last,
        y0=y0,
        T0=T0,
        a=a,
        sse=sse,
        on_bound=on_bound,
        grid_best=grid_best,
        aicc=aicc(sse, N, 4),
    )
    _check_stationary(fit, t, ys)
    return fit


def _check_stationary(fit: SuperexpFit, t: np.ndarray, ys: np.ndarray) -> None:
    """At an interior optimum the SSE gradient in (T0, a) vanishes: check relative to scale."""
    r = ys - fit.y0 - _n_vec(t, fit.T0, fit.a)
    dT0, da = _dn(t, fit.T0, fit.a)
    g = np.array([-2 * np.dot(r, dT0) * fit.T0, -2 * np.dot(r, da)])
    if "T0_min" in fit.on_bound or "T0_max" in fit.on_bound:
        g[0] = 0.0
    if "a_min" in fit.on_bound or "a_max" in fit.on_bound:
        g[1] = 0.0
    if np.max(np.abs(g)) > 1e-10 * max(1.0, fit.sse):
        raise AssertionError(f"superexp optimum is not stationary: gradient {g}")


def superexp_crossing(fit: SuperexpFit, target: float, T_A: Optional[float] = None, a: Optional[float] = None, f: float = 0.0):
    """First x where the superexponential projection reaches log2 level `target`.

    Anchor x_A = x_last with level y_A = y0 + n(t_A) (anchor=fit). Targets at or below y_A are
    crossed along the fitted curve: x = x_first + t(target - y0; T0, a). Targets above: x =
    x_A + t(target - y_A; T_A, a, f) with T_A the fitted doubling time at the anchor and a the
    fitted acceleration unless given. Returns (x, along) with x None for never (beyond
    2999-12-31).
    """
    y_a = fit.anchor_level
    if target <= y_a:
        tt = sx_t(target - fit.y0, fit.T0, fit.a)
        x = None if tt is None else fit.x_first + tt
        along = "fit"
    else:
        TA = fit.doubling_at_anchor if T_A is None else T_A
        aa = fit.a if a is None else a
        tt = sx_t(target - y_a, TA, aa, f)
        x = None if tt is None else fit.x_last + tt
        along = "projection"
    if x is None or not math.isfinite(x) or math.floor(x) > MAX_DAY or math.floor(x) < MIN_DAY:
        return {"x": None, "date": None, "along": None}
    return {"x": float(x), "date": iso_date(x), "along": along}


# ---------------------------------------------------------------------------------------------
# Reliability levels


def logit(q: float) -> float:
    return math.log(q / (1.0 - q))


def reliability_exponent(q: float) -> float:
    """logit(q)/logit(0.8): h_q = h50 * (h80/h50)**exponent."""
    return logit(q) / logit(0.8)


def reliability_horizon(h50: float, h80: float, q: float) -> Optional[float]:
    """h_q = h50 * (h80/h50)**(logit(q)/logit(0.8)); None when h80 >= h50 (no valid curve)."""
    if not h80 < h50:
        return None
    return h50 * (h80 / h50) ** reliability_exponent(q)


def versions() -> dict:
    import platform

    major, minor, _ = platform.python_version_tuple()
    return {"python": f"{major}.{minor}", "numpy": np.__version__, "scipy": scipy.__version__}
