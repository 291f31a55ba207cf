//! The cross-benchmark mosaic (`?view=mosaic`): one row per series with its fitted doubling
//! time, interval, n, fit window, next milestone and a sparkline, sortable, each row opening
//! its series; and every series on one normalised axis. Also the tabs that switch views.

use crate::hooks::{use_all_series, use_width};
use crate::perf::timed;
use std::rc::Rc;
use trendline_chart::small::{compare_chart, NamedSeries, SmallChart};
use trendline_core::forecast::mosaic::{normalised, sort_rows, summarise, MosaicRow, SortKey};
use trendline_core::sharing::url::View;
use trendline_core::{Family, Unit};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ViewTabsProps {
    pub view: View,
    pub on_view: Callback<View>,
}

/// "Single series | All benchmarks": a segmented control (two toggle buttons).
#[function_component(ViewTabs)]
pub fn view_tabs(props: &ViewTabsProps) -> Html {
    let tab = |v: View, label: &str, testid: &str| {
        let on = props.view == v;
        html! {
            <button type="button" class={classes!("view-tab", on.then_some("on"))} aria-pressed={on.to_string()}
                data-testid={testid.to_string()} onclick={props.on_view.reform(move |_| v)}>{label}</button>
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
    {
        // Computed after the rows' loading state has been painted, once every series is in.
        let computed = computed.clone();
        let series: Vec<_> = all
            .iter()
            .filter_map(|(_, e)| e.as_ref().and_then(|e| e.as_ref().ok()).cloned())
            .collect();
        let ready = arrived == total;
        use_effect_with((ready, series.len()), move |_| {
            let t = ready.then(|| {
                gloo::timers::callback::Timeout::new(0, move || {
                    let start = now_ms();
                    let (rows, lines) = timed("mosaic", || {
                        let rows: Vec<MosaicRow> = series.iter().map(|s| summarise(&s.0)).collect();
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
            <p class="hint">{"Each series fitted with its default settings (frontier points; exponential for task horizons, logistic for scores, whose doubling time is that of the odds of success). Dates are when the fitted trend reaches the next milestone, with the 10th–90th percentile of 500 simulated trends. Click a row, or focus it and press Enter, to open the series."}</p>
            { for failed.iter().map(|e| html! { <p class="notice error" role="alert">{e}</p> }) }
            <div class="table-scroll">
                <table class="mosaic-table" data-testid="mosaic-table">
                    <thead>
                        <tr>
                            { header(SortKey::Name, "Benchmark", "Sort by name") }
                            { header(SortKey::Doubling, "Doubling time (95% CI)", "Sort by fitted doubling time") }
                            { header(SortKey::Milestone, "Next milestone (p10–p90)", "Sort by milestone date") }
                            <th scope="col">{"Data and fit"}</th>
                            { header(SortKey::Points, "n", "Sort by number of fitted points") }
                            <th scope="col">{"Fit window"}</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for rows.iter().map(|r| row(r, &props.on_open)) }
                    </tbody>
                </table>
            </div>
            <CompareChart lines={c.clone()} />
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
    let doubling = match r.doubling {
        Some(t) => {
            let ci =
                r.ci.map(|(a, b)| format!(" ({}–{})", days(a), days(b)))
                    .unwrap_or_default();
            format!("{what}{} d{ci}", days(t))
        }
        None => "—".into(),
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
            data-unit={if r.unit == Unit::Minutes { "minutes" } else { "percent" }}
            {onclick} {onkeydown}>
            <th scope="row">{&r.title}</th>
            <td class="num">{doubling}</td>
            <td>{milestone}</td>
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
}

impl PartialEq for CompareProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.lines, &o.lines)
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
    let c: SmallChart = compare_chart(&props.lines.lines, w, h);
    let (l, t, r, b) = c.plot;
    let path = |pts: &[(f64, f64)]| {
        pts.iter()
            .enumerate()
            .map(|(i, (x, y))| format!("{}{x:.1},{y:.1}", if i == 0 { "M" } else { "L" }))
            .collect::<String>()
    };
    html! {
        <figure class="compare" data-testid="mosaic-compare" ref={figure}>
            <figcaption>{"Frontier progress on one scale: doublings since each series' first frontier point (of the task length for horizons, of the odds of success for scores). Steeper means faster."}</figcaption>
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
