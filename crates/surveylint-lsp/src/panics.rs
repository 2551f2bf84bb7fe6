//! Panic boundaries. A bug in a rule or a handler must cost one answer, not
//! the editor's server: as rust-analyzer does per request, a panic is caught
//! where the work runs, reported, and serving goes on.

use std::any::Any;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::task::{Context, Poll};

/// A future that resolves to `Err(panic message)` when polling `F` panics.
pub(crate) struct CatchUnwind<F>(Pin<Box<F>>);

/// Wraps `future` so that a panic while it runs becomes an `Err`.
///
/// Unwind safety is asserted: the state a handler shares lives behind a
/// mutex whose every update is a single assignment (see `server`), so
/// nothing half-updated survives a panic.
pub(crate) fn catch_unwind<F: Future>(future: F) -> CatchUnwind<F> {
    CatchUnwind(Box::pin(future))
}

impl<F: Future> Future for CatchUnwind<F> {
    type Output = Result<F::Output, String>;

    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Self::Output> {
        let inner = self.0.as_mut();
        match std::panic::catch_unwind(AssertUnwindSafe(|| inner.poll(context))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(output)) => Poll::Ready(Ok(output)),
            Err(payload) => Poll::Ready(Err(message(payload.as_ref()))),
        }
    }
}

/// The text a panic was raised with.
pub(crate) fn message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic without a message".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panicking_future_becomes_an_error_with_its_message() {
        #[allow(clippy::panic)]
        let failed = catch_unwind(async { panic!("rule {} failed", 7) }).await;
        assert_eq!(failed, Err::<(), _>("rule 7 failed".to_owned()));
        assert_eq!(catch_unwind(async { 5 }).await, Ok(5));
    }
}
