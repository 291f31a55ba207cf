//! The cross-benchmark mosaic (`?view=mosaic`): one row per series with its fitted doubling
//! time (or, for an index, its rate in points per year), interval, n, fit window, next
//! milestone and a sparkline, sortable, each row opening its series, in the manifest's groups
//! (each collapsible, each can be shown alone on the chart); and every series on one
//! normalised axis. Also the tabs that switch views.

use crate::hooks::{use_all_series, use_width};
use crate::perf::timed;
use std::rc::Rc;
use trendline_chart::small::{compare_chart, NamedSeries, SmallChart};
use trendline_core::data::units::rate_in_words;
use trendline_core::forecast::mosaic::{normalised, sort_rows, summarise_with, MosaicRow, SortKey};
use trendline_core::sharing::export::unit_token;
use trendline_core::sharing::url::View;
use trendline_core::{Family, Unit};
use yew::prelude::*;

/// "Single series | All benchmarks": a segmented control (two toggle buttons).
/// A plain function, not a component (see `chart_summary`): a component type costs about a
/// kilobyte of wasm, more than this small view's re-render is worth skipping.
pub fn view_tabs(view: View, on_view: &Callback<View>) -> Html {
    let tab = |v: View, label: &str, testid: &str| {
        let on = view == v;
        html! {
            <button type="button" class={classes!("view-tab", on.then_some("on"))} aria-pressed={on.to_string()}
                data-testid={testid.to_string()} onclick={on_view.reform(move |_| v)}>{label}</button>
        }
    };
    html! {
        <div class="view-tabs" role="group" aria-label="View">
            { tab(View::Single, "Single series", "view-single") }
            { tab(View::Mosaic, "All benchmarks", "view-mosaic") }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct MosaicProps {
    /// Opens a series in the single view.
    pub on_open: Callback<String>,
    /// The band the chances use.
    #[prop_or_default]
    pub band: trendline_core::settings::Band,
    /// The date of the chance of each row's next milestone.
    #[prop_or(trendline_core::settings::DEFAULT_BY)]
    pub by: trendline_core::Day,
}

/// Computed rows, the normalised series and the time it took (ms).
#[derive(PartialEq)]
struct Computed {
    rows: Vec<MosaicRow>,
    lines: Vec<NamedSeries>,
    ms: f64,
}

fn now_ms() -> f64 {
    crate::browser::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Every bundled series side by side.
#[function_component(Mosaic)]
pub fn mosaic(props: &MosaicProps) -> Html {
    let all = use_all_series();
    let total = all.len();
    let arrived = all.iter().filter(|(_, e)| e.is_some()).count();
    let failed: Vec<String> = all
        .iter()
        .filter_map(|(_, e)| {
            e.as_ref()
                .and_then(|e| e.as_ref().err())
                .map(|e| e.to_string())
        })
        .collect();
    let computed = use_state(|| None::<Rc<Computed>>);
    let sort = use_state(|| (SortKey::Milestone, true));
    // Collapsed groups, and the group shown alone on the one-scale chart (None = all).
    let collapsed = use_state(Vec::<String>::new);
    let alone = use_state(|| None::<String>);
    {
        // Computed after the rows' loading state has been painted, once every series is in.
        let computed = computed.clone();
        let series: Vec<_> = all
            .iter()
            .filter_map(|(_, e)| e.as_ref().and_then(|e| e.as_ref().ok()).cloned())
            .collect();
        let ready = arrived == total;
        let (band, by) = (props.band, props.by);
        use_effect_with((ready, series.len(), band, by), move |_| {
            let t = ready.then(|| {
                gloo::timers::callback::Timeout::new(0, move || {
                    let start = now_ms();
                    let (rows, lines) = timed("mosaic", || {
                        let rows: Vec<MosaicRow> = series
                            .iter()
                            .map(|s| summarise_with(&s.0, band, by))
                            .collect();
                        let lines = series
                            .iter()
                            .map(|s| {
                                (
                                    s.0.meta.id.to_string(),
                                    s.0.meta.short_title.to_string(),
                                    normalised(&s.0),
                                )
                            })
                            .collect();
                        (rows, lines)
                    });
                    computed.set(Some(Rc::new(Computed {
                        rows,
                        lines,
                        ms: now_ms() - start,
                    })));
                })
            });
            move || drop(t)
        });
    }
    let Some(c) = (*computed).clone() else {
        return html! {
            <section class="mosaic" data-testid="mosaic" aria-busy="true">
                <p class="placeholder" data-testid="mosaic-loading" role="status">
                    { format!("Loading every series… {arrived} of {total}") }
                </p>
                { for failed.iter().map(|e| html! { <p class="notice error" role="alert">{e}</p> }) }
            </section>
        };
    };
    let (key, asc) = *sort;
    let mut rows = c.rows.clone();
    sort_rows(&mut rows, key, asc);
    let header = |k: SortKey, label: &str, title: &str| {
        let state = if k == key {
            if asc {
                "ascending"
            } else {
                "descending"
            }
        } else {
            "none"
        };
        let sort = sort.clone();
        let onclick = Callback::from(move |_| {
            let (cur, a) = *sort;
            sort.set((k, if cur == k { !a } else { true }));
        });
        let arrow = match state {
            "ascending" => " ▲",
            "descending" => " ▼",
            _ => "",
        };
        html! {
            <th scope="col" aria-sort={state} title={title.to_string()}>
                <button type="button" class="sort" {onclick} data-testid={format!("mosaic-sort-{}", sort_id(k))}>
                    {label}<span aria-hidden="true">{arrow}</span>
                </button>
            </th>
        }
    };
    html! {
        <section class="mosaic" data-testid="mosaic" data-compute-ms={format!("{:.1}", c.ms)} aria-labelledby="mosaic-title">
            <h2 id="mosaic-title">{"All benchmarks"}</h2>
            <p class="hint">{"Each series fitted with its default settings (frontier points; exponential for task horizons and speedups, logistic for scores, whose doubling time is that of the odds of success; a straight line for indices, in points per year). Dates are when the fitted trend reaches the next milestone, with the 10th–90th percentile of 500 simulated trends. No line is fitted on fewer than 5 frontier points or less than 12 months. Click a row, or focus it and press Enter, to open the series."}</p>
            { for failed.iter().map(|e| html! { <p class="notice error" role="alert">{e}</p> }) }
            <div class="table-scroll">
                <table class="mosaic-table" data-testid="mosaic-table">
                    <thead>
                        <tr>
                            { header(SortKey::Name, "Benchmark", "Sort by name") }
                            { header(SortKey::Doubling, "Doubling time (95% CI)", "Sort by fitted doubling time") }
                            { header(SortKey::Milestone, "Next milestone (p10–p90)", "Sort by milestone date") }
                            <th scope="col" class="chance-col" data-testid="mosaic-chance-header" data-by={props.by.to_string()}>{format!("Chance of the next milestone by {}", crate::components::long_date(props.by))}</th>
                            <th scope="col">{"Data and fit"}</th>
                            { header(SortKey::Points, "n", "Sort by number of fitted points") }
                            <th scope="col">{"Fit window"}</th>
                        </tr>
                    </thead>
                    { for crate::bundle::MANIFEST.groups.iter().map(|g| {
                        let members: Vec<&MosaicRow> = rows.iter().filter(|r| g.series.iter().any(|s| *s == r.id)).collect();
                        let fitted = members.iter().filter(|r| r.doubling.is_some()).count();
                        let gid = g.id.to_string();
                        let closed = collapsed.contains(&gid);
                        let on_toggle = {
                            let (collapsed, gid) = (collapsed.clone(), gid.clone());
                            Callback::from(move |_: MouseEvent| {
                                let mut v = (*collapsed).clone();
                                if let Some(i) = v.iter().position(|x| *x == gid) { v.remove(i); } else { v.push(gid.clone()); }
                                collapsed.set(v);
                            })
                        };
                        let is_alone = alone.as_deref() == Some(gid.as_str());
                        let on_alone = {
                            let (alone, gid) = (alone.clone(), gid.clone());
                            Callback::from(move |_: MouseEvent| alone.set(if is_alone { None } else { Some(gid.clone()) }))
                        };
                        html! {
                            <tbody key={gid.clone()} class={classes!("mosaic-group", closed.then_some("closed"))} data-testid={format!("mosaic-group-body-{gid}")}>
                                <tr class="group-head" data-testid={format!("mosaic-group-{gid}")} data-series={members.len().to_string()} data-fitted={fitted.to_string()}>
                                    <th scope="rowgroup" colspan="6"><div class="group-bar">
                                        <button type="button" class="group-toggle" aria-expanded={(!closed).to_string()}
                                            data-testid={format!("mosaic-group-toggle-{gid}")} onclick={on_toggle}>
                                            <span aria-hidden="true">{if closed { "▸ " } else { "▾ " }}</span>
                                            {g.title.to_string()}
                                            <span class="muted">{format!(" · {} series, {fitted} with a trend", members.len())}</span>
                                        </button>
                                        <button type="button" class="group-alone" aria-pressed={is_alone.to_string()}
                                            data-testid={format!("mosaic-group-alone-{gid}")} onclick={on_alone}>
                                            {if is_alone { "Show all on the chart" } else { "Show alone on the chart" }}
                                        </button>
                                    </div></th>
                                </tr>
                                if !closed {
                                    { for members.iter().map(|r| row(r, &props.on_open)) }
                                }
                            </tbody>
                        }
                    }) }
                </table>
            </div>
            <CompareChart lines={c.clone()} alone={(*alone).clone()} />
        </section>
    }
}

fn sort_id(k: SortKey) -> &'static str {
    match k {
        SortKey::Name => "name",
        SortKey::Doubling => "doubling",
        SortKey::Points => "n",
        SortKey::Milestone => "milestone",
    }
}

fn days(t: f64) -> String {
    if t.is_infinite() {
        "∞".into()
    } else if t >= 100.0 {
        format!("{t:.0}")
    } else {
        format!("{t:.1}")
    }
}

fn row(r: &MosaicRow, on_open: &Callback<String>) -> Html {
    let id = r.id.clone();
    let onclick = on_open.reform({
        let id = id.clone();
        move |_: MouseEvent| id.clone()
    });
    let onkeydown = {
        let (on_open, id) = (on_open.clone(), id.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                on_open.emit(id.clone());
            }
        })
    };
    let what = if r.family == Family::Logistic {
        "odds "
    } else {
        ""
    };
    let doubling = match (r.doubling, r.index_step, &r.no_fit) {
        (_, _, Some(why)) => {
            html! { <span class="no-fit" data-testid="mosaic-no-fit">{why.clone()}</span> }
        }
        (Some(t), Some(step), _) => {
            // An index: a rate in points per year (a longer time per step is a lower rate).
            let ci =
                r.ci.map(|(a, b)| {
                    let rate = |d: f64| {
                        if d.is_finite() {
                            format!(
                                "{:.1}",
                                trendline_core::data::units::index_rate_per_year(d, step)
                            )
                        } else {
                            "0".into()
                        }
                    };
                    format!(" ({}–{})", rate(b), rate(a))
                })
                .unwrap_or_default();
            html! { {format!("{}{ci}", rate_in_words(t, step))} }
        }
        (Some(t), None, _) => {
            let ci =
                r.ci.map(|(a, b)| format!(" ({}–{})", days(a), days(b)))
                    .unwrap_or_default();
            html! { {format!("{what}{} d{ci}", days(t))} }
        }
        (None, _, _) => html! {"—"},
    };
    let window = r
        .window
        .map(|(a, b)| format!("{a} – {b}"))
        .unwrap_or_else(|| "—".into());
    let (milestone_iso, milestone) = match &r.milestone {
        Some(m) => {
            let date = m.date.map(|d| d.to_string());
            let range =
                m.mc.as_ref()
                    .map(|mc| {
                        let f = |d: Option<trendline_core::Day>| {
                            d.map_or_else(|| "later".to_string(), |d| d.to_string())
                        };
                        format!(" ({}–{})", f(mc.p10), f(mc.p90))
                    })
                    .unwrap_or_default();
            (
                date.clone().unwrap_or_default(),
                html! {
                    <>
                        <span class="ms-label">{format!("{}: ", m.label)}</span>
                        <strong>{date.unwrap_or_else(|| "never".into())}</strong>
                        <span class="ms-range">{range}</span>
                    </>
                },
            )
        }
        None => (String::new(), html! {"—"}),
    };
    // A table row, focusable, that opens its series on click or Enter; no link role or
    // aria-label of its own, so it keeps its row semantics and its cells are its name.
    html! {
        <tr key={id.clone()} class="mosaic-row" tabindex="0" title={format!("Open {}", r.title)}
            data-testid={format!("mosaic-row-{id}")}
            data-doubling-days={crate::components::data_number(r.doubling)}
            data-milestone={milestone_iso}
            data-milestone-id={r.milestone.as_ref().map(|m| m.id.clone()).unwrap_or_default()}
            data-unit={unit_token(r.unit)}
            data-rate-per-year={crate::components::data_number(r.rate_per_year())}
            data-fitted={(r.doubling.is_some()).to_string()}
            {onclick} {onkeydown}>
            <th scope="row">{&r.title}</th>
            <td class={if r.no_fit.is_some() { "no-fit-cell" } else { "num" }}>{doubling}</td>
            <td>{milestone}</td>
            <td class="num" data-testid={format!("mosaic-chance-{id}")} data-value={r.milestone.as_ref().and_then(|m| m.chance).map(|p| p.to_string()).unwrap_or_default()}>
                { r.milestone.as_ref().and_then(|m| m.chance).map_or_else(|| "—".to_string(), crate::components::percent) }
            </td>
            <td class="spark-cell">{sparkline(r)}</td>
            <td class="num">{r.n}</td>
            <td class="window">{window}</td>
        </tr>
    }
}

/// The row's data (frontier points filled) and fit, 96 × 28 px.
fn sparkline(r: &MosaicRow) -> Html {
    let (w, h, pad) = (96.0, 28.0, 3.0);
    let p = |(x, y): (f64, f64)| (pad + x * (w - 2.0 * pad), h - pad - y * (h - 2.0 * pad));
    let fit = r.sparkline.fit.map(|[a, b]| {
        let (a, b) = (p(a), p(b));
        html! { <line class="spark-fit" x1={format!("{:.1}", a.0)} y1={format!("{:.1}", a.1)} x2={format!("{:.1}", b.0)} y2={format!("{:.1}", b.1)} /> }
    });
    html! {
        <svg class="sparkline" width={w.to_string()} height={h.to_string()} viewBox={format!("0 0 {w} {h}")} aria-hidden="true" data-testid="sparkline">
            { for r.sparkline.points.iter().map(|&(x, y, f)| {
                let (cx, cy) = p((x, y));
                html! { <circle class={if f { "spark-pt frontier" } else { "spark-pt" }} cx={format!("{cx:.1}")} cy={format!("{cy:.1}")} r={if f { "1.8" } else { "1.2" }} /> }
            }) }
            { for fit }
        </svg>
    }
}

#[derive(Properties)]
struct CompareProps {
    lines: Rc<Computed>,
    /// The group shown alone, if any.
    alone: Option<String>,
}

impl PartialEq for CompareProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.lines, &o.lines) && self.alone == o.alone
    }
}

/// Colour slots for the comparison lines (`--mosaic-0` … in style.css).
const SLOTS: usize = 8;

/// Every series' frontier on one axis: doublings of the value (horizons) or of the odds
/// (scores) since the series' own first frontier point.
#[function_component(CompareChart)]
fn compare(props: &CompareProps) -> Html {
    // Laid out at the figure's own width (text stays its size on a phone), followed on resize.
    let figure = use_node_ref();
    let width = use_width(&figure, 720.0);
    let w = width.max(240.0);
    let h = (w * 0.5).clamp(220.0, 360.0);
    let group = props
        .alone
        .as_deref()
        .and_then(|g| crate::bundle::MANIFEST.groups.iter().find(|x| x.id == g));
    let shown: Vec<NamedSeries> = props
        .lines
        .lines
        .iter()
        // An index has no points on this scale (see `unplaced`): no empty line for it.
        .filter(|l| !l.2.is_empty())
        .filter(|l| group.is_none_or(|g| g.series.iter().any(|s| *s == l.0)))
        .cloned()
        .collect();
    // Series the one scale cannot place: indices have no doublings.
    let unplaced: Vec<String> = props
        .lines
        .rows
        .iter()
        .filter(|r| r.unit == Unit::Index)
        .filter(|r| group.is_none_or(|g| g.series.iter().any(|s| *s == r.id)))
        .map(|r| r.title.clone())
        .collect();
    let c: SmallChart = compare_chart(&shown, w, h);
    let (l, t, r, b) = c.plot;
    let path = |pts: &[(f64, f64)]| {
        pts.iter()
            .enumerate()
            .map(|(i, (x, y))| format!("{}{x:.1},{y:.1}", if i == 0 { "M" } else { "L" }))
            .collect::<String>()
    };
    html! {
        <figure class="compare" data-testid="mosaic-compare" ref={figure}>
            <figcaption>{"Frontier progress on one scale: doublings since each series' first frontier point (of the task length for horizons, of the speedup for speedups, of the odds of success for scores). Steeper means faster."}
                if let Some(g) = group { <span data-testid="mosaic-compare-group">{format!(" Showing one group: {}.", g.title)}</span> }
            </figcaption>
            if !unplaced.is_empty() {
                <p class="hint" data-testid="mosaic-compare-unplaced">{format!("Not on this chart: {}. An index rises by points, not by doublings, so this scale cannot place it; open it for its own chart.", unplaced.join(", "))}</p>
            }
            <svg width={w.to_string()} height={h.to_string()} viewBox={format!("0 0 {w} {h}")} role="img" aria-label="Every series' frontier as doublings since its first frontier point, against date">
                <g class="grid">
                    { for c.y_ticks.iter().map(|k| html! {
                        <>
                            <line x1={l.to_string()} x2={r.to_string()} y1={format!("{:.1}", k.at)} y2={format!("{:.1}", k.at)} />
                            <text class="tick" x={(l - 6.0).to_string()} y={format!("{:.1}", k.at + 4.0)} text-anchor="end">{&k.label}</text>
                        </>
                    }) }
                    { for c.x_ticks.iter().map(|k| html! {
                        <>
                            <line x1={format!("{:.1}", k.at)} x2={format!("{:.1}", k.at)} y1={t.to_string()} y2={b.to_string()} />
                            <text class="tick" x={format!("{:.1}", k.at)} y={(b + 18.0).to_string()} text-anchor="middle">{&k.label}</text>
                        </>
                    }) }
                </g>
                <text class="tick axis-title" x="12" y={((t + b) / 2.0).to_string()} transform={format!("rotate(-90 12 {})", (t + b) / 2.0)} text-anchor="middle">{"doublings"}</text>
                { for c.lines.iter().enumerate().map(|(i, line)| html! {
                    <path class={format!("cmp-line c{}", i % SLOTS)} data-series={line.id.clone()}
                        stroke-dasharray={(i >= SLOTS).then_some("5 3")} d={path(&line.points)}>
                        <title>{&line.label}</title>
                    </path>
                }) }
            </svg>
            <ul class="compare-legend">
                { for c.lines.iter().enumerate().map(|(i, line)| html! {
                    <li><svg width="22" height="8" aria-hidden="true"><line class={format!("cmp-line c{}", i % SLOTS)} x1="1" x2="21" y1="4" y2="4"
                        stroke-dasharray={(i >= SLOTS).then_some("5 3")} /></svg>{&line.label}</li>
                }) }
            </ul>
        </figure>
    }
}
