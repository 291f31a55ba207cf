//! The colour theme: light, dark, or the system's (`prefers-color-scheme`). The reader's choice
//! is kept in this browser (localStorage), never in the link: a shared link shows the reader's
//! own theme. The page's colours follow `data-theme` on `<html>` (style.css); the canvas asks
//! [`is_dark`].

use crate::browser;
use wasm_bindgen::JsCast;

/// The reader's choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThemeChoice {
    /// Follow the system (`prefers-color-scheme`).
    Auto,
    Light,
    Dark,
}

const KEY: &str = "trendline-theme";
/// Window event fired after the theme changed (the canvas repaints).
pub const CHANGED: &str = "trendline-theme-change";
/// The system's dark preference.
pub const DARK_QUERY: &str = "(prefers-color-scheme: dark)";

impl ThemeChoice {
    pub fn token(self) -> &'static str {
        match self {
            ThemeChoice::Auto => "auto",
            ThemeChoice::Light => "light",
            ThemeChoice::Dark => "dark",
        }
    }

    pub fn from_token(s: &str) -> ThemeChoice {
        match s {
            "light" => ThemeChoice::Light,
            "dark" => ThemeChoice::Dark,
            _ => ThemeChoice::Auto,
        }
    }
}

/// The stored choice (`Auto` when none, or storage is unavailable).
pub fn stored() -> ThemeChoice {
    browser::load(KEY).map_or(ThemeChoice::Auto, |s| ThemeChoice::from_token(&s))
}

fn root() -> Option<web_sys::Element> {
    crate::browser::window()?.document()?.document_element()
}

/// Shows `choice` on the page: `data-theme` on `<html>` (none for `Auto`).
pub fn apply(choice: ThemeChoice) {
    if let Some(r) = root() {
        let _ = match choice {
            ThemeChoice::Auto => r.remove_attribute("data-theme"),
            c => r.set_attribute("data-theme", c.token()),
        };
    }
}

/// Keeps `choice`, shows it and tells the canvases.
pub fn choose(choice: ThemeChoice) {
    match choice {
        ThemeChoice::Auto => browser::remove(KEY),
        c => {
            browser::save(KEY, c.token());
        }
    }
    apply(choice);
    if let Some(w) = crate::browser::window() {
        if let Ok(e) = web_sys::Event::new(CHANGED) {
            let _ = w.dispatch_event(&e);
        }
    }
}

/// The system's preference list, to listen to.
pub fn dark_query() -> Option<web_sys::MediaQueryList> {
    crate::browser::window()?
        .match_media(DARK_QUERY)
        .ok()
        .flatten()
}

/// Whether the page is shown dark now: the applied choice, else the system's preference.
pub fn is_dark() -> bool {
    match root()
        .and_then(|r| r.get_attribute("data-theme"))
        .as_deref()
    {
        Some("dark") => true,
        Some("light") => false,
        _ => dark_query().is_some_and(|m| m.matches()),
    }
}

/// The media query list as an event target (for `change` listeners).
pub fn dark_query_target() -> Option<web_sys::EventTarget> {
    dark_query().map(|m| m.unchecked_into())
}
