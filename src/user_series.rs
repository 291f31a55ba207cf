//! Series the reader imported: kept in the browser's local storage (when the page may use it)
//! as their original text, and validated again on every load.

use crate::browser;
use std::rc::Rc;
use trendline_core::Series;
use trendline_core::{parse_user_csv, ImportUnit};

const INDEX: &str = "trendline-user-series";

fn key(id: &str) -> String {
    format!("{INDEX}:{id}")
}

/// An imported file: the parsed series and what is needed to parse it again.
#[derive(Clone, Debug)]
pub struct Imported {
    pub series: Rc<Series>,
    pub text: String,
    pub unit: ImportUnit,
}

fn unit_token(u: ImportUnit) -> &'static str {
    match u {
        ImportUnit::Minutes => "minutes",
        ImportUnit::Hours => "hours",
        ImportUnit::Percent => "percent",
    }
}

fn unit_from(s: &str) -> Option<ImportUnit> {
    match s {
        "minutes" => Some(ImportUnit::Minutes),
        "hours" => Some(ImportUnit::Hours),
        "percent" => Some(ImportUnit::Percent),
        _ => None,
    }
}

fn ids() -> Vec<String> {
    browser::load(INDEX)
        .map(|s| {
            s.lines()
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Every stored series that still parses, and a message for each that does not.
pub fn load_all() -> (Vec<Rc<Series>>, Vec<String>) {
    let today = crate::components::today();
    let mut out = Vec::new();
    let mut notes = Vec::new();
    for id in ids() {
        let Some(stored) = browser::load(&key(&id)) else {
            continue;
        };
        let mut parts = stored.splitn(3, '\n');
        let (Some(unit), Some(title), Some(text)) =
            (parts.next().and_then(unit_from), parts.next(), parts.next())
        else {
            notes.push(format!(
                "Your imported series {id} could not be read back and was skipped."
            ));
            continue;
        };
        match parse_user_csv(&id, title, text, unit, today) {
            Ok(s) => out.push(Rc::new(s)),
            Err(e) => notes.push(format!(
                "Your imported series \"{title}\" no longer validates ({}) and was skipped.",
                e.join("; ")
            )),
        }
    }
    (out, notes)
}

/// Keeps an imported series, or says why the browser would not (it then lasts for this visit
/// only). Nothing is left half-written: if the list of series cannot be updated, the series'
/// own entry is removed again.
pub fn store(imp: &Imported) -> Result<(), browser::StoreError> {
    let id = &imp.series.meta.id;
    let value = format!(
        "{}\n{}\n{}",
        unit_token(imp.unit),
        imp.series.meta.title,
        imp.text
    );
    browser::try_save(&key(id), &value)?;
    let mut all = ids();
    if !all.iter().any(|x| x == id.as_ref()) {
        all.push(id.to_string());
    }
    browser::try_save(INDEX, &all.join("\n")).inspect_err(|_| browser::remove(&key(id)))
}

/// Removes a stored series.
pub fn forget(id: &str) {
    browser::remove(&key(id));
    let all: Vec<String> = ids().into_iter().filter(|x| x != id).collect();
    browser::save(INDEX, &all.join("\n"));
}
