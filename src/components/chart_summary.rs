//! The chart in one sentence, for screen readers: the fitted rate, the reader's assumption and
//! the month each milestone is reached. Announced politely when it changes.

use trendline_core::data::units::{format_days_and_months, rate_in_words};
use trendline_core::forecast::compare::ScenarioRun;
use trendline_core::{Day, Family, Forecast, Unit};
use yew::prelude::*;

/// `2028-11` for a day in November 2028.
fn month(d: Day) -> String {
    let (y, m, _) = d.ymd();
    format!("{y}-{m:02}")
}

/// The summary sentence, e.g. "Fitted trend doubles every 187.8 days (6.2 months); 1 work-day
/// tasks reached 2025-04; 1 work-month tasks reached 2028-11."
pub fn summary_text(fc: &Forecast, runs: &[ScenarioRun]) -> String {
    let p = &fc.prepared;
    let doubles = |raw: f64| {
        let t = format_days_and_months(raw);
        match p.family {
            Family::Logistic => format!("its odds double every {t}"),
            Family::Superexponential => format!("it now doubles every {t}"),
            Family::Exponential => format!("it doubles every {t}"),
            Family::Linear => match p.transform {
                trendline_core::Transform::Linear { step } => {
                    format!("it rises {}", rate_in_words(raw, step))
                }
                _ => format!("it rises one index step every {t}"),
            },
        }
    };
    let mut parts = Vec::new();
    match fc.fitted_doubling {
        Some(t) => parts.push(format!("Fitted trend: {}", doubles(t))),
        None => parts.push("No trend could be fitted".to_string()),
    }
    if let (Some(a), Some(f)) = (fc.assumed_doubling, fc.fitted_doubling) {
        if (a - f).abs() > 1e-9 {
            parts.push(format!("your assumption: {}", doubles(a)));
        }
    }
    let tasks = if p.series.meta.unit == Unit::Minutes {
        " tasks"
    } else {
        ""
    };
    for m in &fc.milestones {
        parts.push(match m.assumed {
            Some(d) => format!("{}{tasks} reached {}", m.milestone.label, month(d)),
            None => format!("{}{tasks} never reached (before 3000)", m.milestone.label),
        });
    }
    let mut text = format!("{}.", parts.join("; "));
    for r in runs {
        let dates: Vec<String> = r
            .forecast
            .milestones
            .iter()
            .map(|m| match m.assumed {
                Some(d) => format!("{} {}", m.milestone.label, month(d)),
                None => format!("{} never", m.milestone.label),
            })
            .collect();
        text.push_str(&format!(
            " Scenario {}, {}: {}; reaches {}.",
            r.letter(),
            r.scenario.name,
            r.describe(),
            dates.join(", ")
        ));
    }
    text
}

/// The summary as visually hidden live text beside the chart. A plain function, not a
/// component: one paragraph, so a component's machinery (about a kilobyte of wasm per
/// component type) would cost more than the re-render it could skip.
pub fn chart_summary(text: String) -> Html {
    html! {
        <p class="sr-only" data-testid="chart-summary" aria-live="polite">{text}</p>
    }
}
