mod chart_canvas;
mod doubling_control;
mod fit_controls;
mod legend;
mod milestones;
mod notices;
mod source_note;

pub use chart_canvas::ChartCanvas;
pub use doubling_control::DoublingControl;
pub use fit_controls::FitControls;
pub use legend::Legend;
pub use milestones::MilestoneTable;
pub use notices::Notices;
pub use source_note::SourceNote;

/// A number as `data-value` text: shortest form that reads back to the same `f64`.
pub fn data_number(v: Option<f64>) -> String {
    v.filter(|v| v.is_finite())
        .map(|v| v.to_string())
        .unwrap_or_default()
}
