mod about_data;
mod backend;
mod backtest_panel;
mod batched_canvas;
mod chance;
mod chart_canvas;
mod chart_summary;
mod data_table;
mod doubling_control;
mod export_bar;
mod fit_controls;
mod forecast_verdicts;
mod how_to_read;
mod import_panel;
pub mod later;
mod lazy_details;
mod legend;
mod milestones;
mod model_panel;
mod mosaic;
mod notices;
mod point_tooltip;
mod scale_toggle;
mod scenarios;
mod sensitivity;
mod series_picker;
mod share_bar;
mod source_note;
mod theme_toggle;

pub use about_data::AboutData;
pub use backtest_panel::BacktestPanel;
pub use chance::{long_date, Chance};
pub use chart_canvas::{ChartCanvas, PointAt};
pub use chart_summary::{chart_summary, summary_text};
pub use data_table::DataTable;
pub use doubling_control::{doubling_control, DoublingControlProps};
pub use export_bar::{today, ExportBar};
pub use fit_controls::FitControls;
pub use forecast_verdicts::ForecastVerdicts;
pub use how_to_read::HowToRead;
pub use import_panel::ImportPanel;
pub use later::Later;
pub use lazy_details::LazyDetails;
pub use legend::Legend;
pub use milestones::MilestoneTable;
pub use model_panel::ModelPanel;
pub use mosaic::{view_tabs, Mosaic};
pub use notices::notices;
pub use point_tooltip::PointTooltip;
pub use scale_toggle::scale_toggle;
pub use scenarios::Scenarios;
pub use sensitivity::Sensitivity;
pub use series_picker::SeriesPicker;
pub use share_bar::ShareBar;
pub use source_note::source_note;
pub use theme_toggle::ThemeToggle;

use trendline_core::data::units::format_minutes;
use trendline_core::Unit;

/// The finite number typed into the input an event came from (the core's reader, so the page
/// reads text as the link and the files do); `None` for anything else.
pub fn typed_number(e: &yew::InputEvent) -> Option<f64> {
    use yew::TargetCast;
    let input: web_sys::HtmlInputElement = e.target_unchecked_into();
    trendline_core::data::number::parse_f64(input.value().trim()).filter(|v| v.is_finite())
}

/// The superexponential fit and its AICc: the later analyses' once they have arrived, else the
/// first pass's (which has them when superexponential is the chosen family).
pub fn superexp_of<'a>(
    p: &'a trendline_core::Prepared,
    later: Option<&'a trendline_core::forecast::Deferred>,
) -> (
    Option<&'a Result<trendline_core::model::superexp::SuperExpFit, trendline_core::FitError>>,
    Option<f64>,
) {
    match later {
        Some(d) => (d.superexp.as_ref(), d.aicc_superexp),
        None => (p.superexp.as_ref(), p.aicc_superexp),
    }
}

/// For point `i` fitted once as a copy of an earlier point (`copies`: `(copy, original)` pairs,
/// the same date and value), the name of that point: its public name, with its raw id where both
/// rows carry the same name.
pub fn copy_of(
    series: &trendline_core::Series,
    copies: &[(usize, usize)],
    i: usize,
) -> Option<String> {
    let &(_, j) = copies.iter().find(|c| c.0 == i)?;
    let (m, p) = (series.points.get(j)?, series.points.get(i)?);
    Some(if m.model == p.model {
        format!("{} ({})", m.model, m.id)
    } else {
        m.model.to_string()
    })
}

/// A number as `data-value` text: shortest form that reads back to the same `f64`.
pub fn data_number(v: Option<f64>) -> String {
    v.filter(|v| v.is_finite())
        .map(|v| v.to_string())
        .unwrap_or_default()
}

/// A value in its unit, for people.
pub fn format_value(unit: Unit, v: f64) -> String {
    match unit {
        Unit::Minutes => format_minutes(v),
        Unit::Percent => format!("{v:.1}%"),
        Unit::Index => trendline_core::data::units::format_index(v),
        Unit::Multiplier => trendline_core::data::units::format_multiplier(v),
    }
}

/// A chance (0–1) as a whole percentage for people: "62%", "<1%" and ">99%" at the ends so a
/// small chance never reads as none (or a large one as certain), "0%" and "100%" only when exact.
pub fn percent(p: f64) -> String {
    if p <= 0.0 {
        "0%".into()
    } else if p >= 1.0 {
        "100%".into()
    } else if p < 0.005 {
        "<1%".into()
    } else if p > 0.995 {
        ">99%".into()
    } else {
        format!("{:.0}%", p * 100.0)
    }
}
