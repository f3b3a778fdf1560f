//! Statement payloads made on a worker thread while the database stores
//! the one before (issue 16). A big import spent a quarter of its storing
//! time building each chunk's arguments while SQLite waited, and SQLite's
//! time while tilskot waited; made one ahead, the two overlap on two cores.

use crate::domain::error::{Error, Result};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// The payloads of `parts` parts in order, each made by `make` on a blocking
/// worker at most two ahead of the one taken.
pub(super) struct MadeAhead<T> {
    receiver: mpsc::Receiver<T>,
    worker: Option<JoinHandle<()>>,
    expected: usize,
    taken: usize,
}

impl<T: Send + 'static> MadeAhead<T> {
    pub(super) fn start(parts: usize, mut make: impl FnMut(usize) -> T + Send + 'static) -> Self {
        let (sender, receiver) = mpsc::channel(1);
        let worker = tokio::task::spawn_blocking(move || {
            for part in 0..parts {
                // A receiver dropped (its statement failed) wants no more.
                if sender.blocking_send(make(part)).is_err() {
                    return;
                }
            }
        });
        MadeAhead {
            receiver,
            worker: Some(worker),
            expected: parts,
            taken: 0,
        }
    }

    /// The next part's payload; `None` after the last. A worker that stopped
    /// early (it panicked) is an error, never a shorter list.
    pub(super) async fn next(&mut self) -> Result<Option<T>> {
        if let Some(payload) = self.receiver.recv().await {
            self.taken += 1;
            return Ok(Some(payload));
        }
        if let Some(worker) = self.worker.take() {
            worker
                .await
                .map_err(|e| Error::internal(format!("making statements ahead: {e}")))?;
        }
        if self.taken != self.expected {
            return Err(Error::internal(format!(
                "made {} of {} statements ahead",
                self.taken, self.expected
            )));
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_part_comes_once_in_order() {
        let mut made = MadeAhead::start(5, |part| part * 10);
        let mut seen = Vec::new();
        while let Some(payload) = made.next().await.unwrap() {
            seen.push(payload);
        }
        assert_eq!(seen, [0, 10, 20, 30, 40]);
    }

    #[tokio::test]
    async fn a_worker_that_panics_is_an_error_not_a_shorter_list() {
        let mut made = MadeAhead::start(3, |part| {
            assert!(part < 1, "the second part cannot be made");
            part
        });
        assert_eq!(made.next().await.unwrap(), Some(0));
        assert!(made.next().await.is_err());
    }

    #[tokio::test]
    async fn no_parts_make_nothing() {
        let mut made = MadeAhead::start(0, |part: usize| part);
        assert_eq!(made.next().await.unwrap(), None);
    }
}
