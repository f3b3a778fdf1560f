//! Scheme use cases: loading definitions from a file, and writing the
//! allocation the ranking proposes.

use crate::db::schemes::{request_of, Proposal};
use crate::db::Store;
use crate::domain::error::{Error, Result};
use crate::domain::schemes::parse_schemes;
use std::collections::BTreeMap;
use std::path::Path;

/// Loads a schemes file, all or nothing.
pub async fn load_scheme_file(store: &Store, file: &Path) -> Result<usize> {
    let text = std::fs::read_to_string(file).map_err(|e| {
        Error::NotFound(crate::domain::error::Reason::told(
            crate::domain::error::Message::new("error-cannot-read").arg("path", file.display()),
            format!("cannot read {}: {e}", file.display()),
        ))
    })?;
    let definitions = parse_schemes(&text, &file.display().to_string()).map_err(Error::from)?;
    store.load_schemes(&definitions).await?;
    Ok(definitions.len())
}

/// The proposal for a call; with `apply`, each decision is written in its
/// own transaction with the frame check, by `user`.
pub async fn propose(
    store: &Store,
    scheme: &str,
    year: i32,
    apply: Option<&str>,
) -> Result<Proposal> {
    let proposal = store
        .propose_allocation(scheme, year, &BTreeMap::new())
        .await?;
    if let Some(user) = apply {
        for decision in &proposal.decisions {
            let id: i64 = decision.application_id.parse().map_err(|_| {
                Error::internal(format!("application id '{}'", decision.application_id))
            })?;
            store
                .decide(id, &request_of(decision), user)
                .await
                .map_err(|e| Error::from(e).context(format!("application {id}")))?;
        }
    }
    Ok(proposal)
}
