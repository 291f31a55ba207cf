//! The app's one reducer: a newtype around the core state (orphan rule).

use std::rc::Rc;
use trendline_core::{Action, State};
use yew::Reducible;

#[derive(Clone, Debug, PartialEq)]
pub struct AppState(pub State);

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = self.0.apply(action);
        if next == self.0 {
            self
        } else {
            Rc::new(AppState(next))
        }
    }
}
