//! [`Shared`]: a value behind an `Rc`, compared by address. Props and memo keys that hold large
//! derived values (the prepared fits, the forecast) compare in constant time with it: `Rc`'s
//! own `PartialEq` compares the contents, which for a prepared series means every simulated
//! trend, on every slider input, in every component that receives it.

use std::ops::Deref;
use std::rc::Rc;

/// An `Rc<T>` whose equality is identity (`Rc::ptr_eq`). Each derived value is computed once
/// per change of its inputs, so the same address means the same value.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> From<Rc<T>> for Shared<T> {
    fn from(rc: Rc<T>) -> Self {
        Shared(rc)
    }
}
