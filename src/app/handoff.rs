//! The hand-off of payment files to the bank, in two phases.
//!
//! A payment file is written to `staging/` beside the outbox, the payment is
//! committed in the database, the audit chain's head is appended to the
//! anchor file, and only then is the file moved into the outbox (`--out`,
//! default `payments/`), which is what the bank takes.
//! **Invariant:** the outbox never holds a file whose payment is not
//! recorded. Every payment run, and `tilskot check`, first recovers: a staged
//! file of a committed payment is moved to the outbox; a staged file of a
//! payment that was never committed is moved to `void/` beside the outbox,
//! with an audit entry. One lock file serialises payments and recoveries on
//! the same outbox, so a recovery never voids a file whose payment is being
//! committed by another process; the operating system releases it when a
//! process dies.

use crate::app::audit::append_anchor;
use crate::db::Store;
use crate::domain::error::{Error, Result};
use std::fs::File;
use std::path::{Path, PathBuf};

/// The outbox and the folders beside it.
#[derive(Debug, Clone)]
pub struct Folders {
    /// What the bank takes: only files of committed payments.
    pub outbox: PathBuf,
    /// Files written before their payment is committed.
    pub staging: PathBuf,
    /// Files of payments that were never committed, kept for the record.
    pub void: PathBuf,
    /// The audit chain's head at every payment, outside the database.
    pub anchor: PathBuf,
}

impl Folders {
    /// `staging/` and `void/` beside the outbox.
    pub fn beside(outbox: &Path) -> Folders {
        let parent = outbox
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        Folders {
            outbox: outbox.to_path_buf(),
            staging: parent.join("staging"),
            void: parent.join("void"),
            anchor: parent.join(crate::app::audit::ANCHOR_FILE),
        }
    }

    fn create(&self) -> Result<()> {
        for dir in [&self.outbox, &self.staging, &self.void] {
            std::fs::create_dir_all(dir).map_err(|e| {
                Error::invalid_told(
                    crate::domain::error::Message::new("error-cannot-write")
                        .arg("path", dir.display()),
                    format!("cannot create {}: {e}", dir.display()),
                )
            })?;
        }
        Ok(())
    }
}

/// The exclusive lock of an outbox's hand-off, held while it lives.
pub struct HandoffLock {
    _file: File,
}

/// Takes the hand-off lock of the outbox, waiting for another process that
/// holds it.
pub fn lock(folders: &Folders) -> Result<HandoffLock> {
    folders.create()?;
    let path = folders.staging.join(".lock");
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)?;
    file.lock()?;
    Ok(HandoffLock { _file: file })
}

/// What a recovery did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Recovery {
    /// Staged files of committed payments, moved to the outbox.
    pub published: Vec<String>,
    /// Staged files of payments never committed, moved to `void/`.
    pub voided: Vec<String>,
}

/// Moves every staged file to the outbox or to `void/` by whether its
/// payment is committed. Call it holding the lock.
pub async fn recover(
    store: &Store,
    folders: &Folders,
    _lock: &HandoffLock,
    actor: &str,
) -> Result<Recovery> {
    let mut recovery = Recovery::default();
    for name in staged_files(folders)? {
        let payment_id = name.trim_end_matches(".xml");
        if store.payment(payment_id).await?.is_some() {
            // The crash came before the payment's anchor was written (it is
            // written before the file is published), so it is written now.
            append_anchor(store, &folders.anchor, &name).await?;
            publish(folders, &name)?;
            recovery.published.push(name);
        } else {
            let batch_id = store
                .batch_of_payment_id(payment_id)
                .await?
                .unwrap_or_default();
            move_to(&folders.staging.join(&name), &folders.void, &name)?;
            store.record_voided_file(batch_id, &name, actor).await?;
            recovery.voided.push(name);
        }
    }
    Ok(recovery)
}

fn staged_files(folders: &Folders) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&folders.staging)? {
        let name = entry?.file_name().to_string_lossy().to_string();
        if name.ends_with(".xml") {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}

/// Writes a payment file to `staging/` (temporary name, then rename, so a
/// crash never leaves half a file).
pub fn stage(folders: &Folders, name: &str, content: &str) -> Result<PathBuf> {
    let path = folders.staging.join(name);
    let temporary = folders
        .staging
        .join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&temporary, content)?;
    std::fs::rename(&temporary, &path)?;
    Ok(path)
}

/// Moves a staged file of a committed payment into the outbox. A file of
/// that name already in the outbox must have the same content; one with
/// other content is refused and left for a person to look at.
pub fn publish(folders: &Folders, name: &str) -> Result<PathBuf> {
    let staged = folders.staging.join(name);
    let target = folders.outbox.join(name);
    if let Ok(existing) = std::fs::read(&target) {
        if existing != std::fs::read(&staged)? {
            refuse_told!(
                crate::domain::error::Message::new("error-payment-file-differs").arg("file", name),
                "{} exists with other content: the same payment id with different content; the committed file is kept in {}",
                target.display(),
                staged.display()
            );
        }
        std::fs::remove_file(&staged)?;
        return Ok(target);
    }
    std::fs::rename(&staged, &target)?;
    Ok(target)
}

/// Moves a file into `dir`, under a new name if one is taken there.
fn move_to(file: &Path, dir: &Path, name: &str) -> Result<PathBuf> {
    let mut target = dir.join(name);
    let mut n = 1;
    while target.exists() {
        target = dir.join(format!("{name}.{n}"));
        n += 1;
    }
    std::fs::rename(file, &target)?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staging_and_void_are_beside_the_outbox() {
        let folders = Folders::beside(Path::new("out/payments"));
        assert_eq!(folders.staging, Path::new("out/staging"));
        assert_eq!(folders.void, Path::new("out/void"));
        let here = Folders::beside(Path::new("payments"));
        assert_eq!(here.staging, Path::new("./staging"));
    }

    #[test]
    fn a_staged_file_is_published_once_and_a_different_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let folders = Folders::beside(&dir.path().join("payments"));
        folders.create().unwrap();
        stage(&folders, "P.xml", "one").unwrap();
        let published = publish(&folders, "P.xml").unwrap();
        assert_eq!(std::fs::read_to_string(&published).unwrap(), "one");
        assert!(!folders.staging.join("P.xml").exists());
        stage(&folders, "P.xml", "one").unwrap();
        publish(&folders, "P.xml").unwrap();
        stage(&folders, "P.xml", "two").unwrap();
        assert!(matches!(publish(&folders, "P.xml"), Err(Error::Refused(_))));
        assert_eq!(std::fs::read_to_string(&published).unwrap(), "one");
    }
}
