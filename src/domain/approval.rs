//! Two-person approval of payout batches and the audit log's hash chain.
//!
//! The state's financial regulations require that attestation (checking)
//! and budget disposal (approval, anvising) are done by two different
//! persons. A batch goes computed → attested → approved → paid, or is
//! rejected back to computed with a reason. Pure: states and entries in,
//! decisions and hashes out.

use sha2::{Digest, Sha256};
use std::fmt;

/// Where a batch is in its approval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchStatus {
    Computed,
    /// Attestert: checked by a finance officer.
    Attested,
    /// Anvist: approved by an approver other than the one who attested.
    Approved,
    Paid,
    /// The register changed before payment; a new run replaced this one.
    Superseded,
}

impl BatchStatus {
    pub const ALL: [BatchStatus; 5] = [
        BatchStatus::Computed,
        BatchStatus::Attested,
        BatchStatus::Approved,
        BatchStatus::Paid,
        BatchStatus::Superseded,
    ];

    pub fn code(self) -> &'static str {
        match self {
            BatchStatus::Computed => "computed",
            BatchStatus::Attested => "attested",
            BatchStatus::Approved => "approved",
            BatchStatus::Paid => "paid",
            BatchStatus::Superseded => "superseded",
        }
    }

    /// Whether the batch waits for payment: computed, attested or approved.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            BatchStatus::Computed | BatchStatus::Attested | BatchStatus::Approved
        )
    }

    pub fn parse(text: &str) -> Option<BatchStatus> {
        [
            BatchStatus::Computed,
            BatchStatus::Attested,
            BatchStatus::Approved,
            BatchStatus::Paid,
            BatchStatus::Superseded,
        ]
        .into_iter()
        .find(|s| s.code() == text)
    }
}

impl fmt::Display for BatchStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

pub use crate::domain::users::Role;

/// An action on a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Attest,
    Approve,
    Reject { reason: String },
    Pay,
}

impl Action {
    pub fn code(&self) -> &'static str {
        match self {
            Action::Attest => "attest",
            Action::Approve => "approve",
            Action::Reject { .. } => "reject",
            Action::Pay => "pay",
        }
    }
}

/// Why an action was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApprovalError {
    #[error("the batch is {status}; {action} needs a batch that is {needed}")]
    WrongStatus {
        status: BatchStatus,
        action: &'static str,
        needed: &'static str,
    },
    #[error("{user} attested this batch; another person must approve it (attestation and approval are separate duties)")]
    SamePerson { user: String },
    #[error("{user} has the role {role}; {action} needs the role {needed}")]
    WrongRole {
        user: String,
        role: &'static str,
        action: &'static str,
        needed: &'static str,
    },
    #[error("a rejection needs a reason")]
    NoReason,
}

/// The state after `action` by `user` (with `role`), or why not.
/// `attested_by` is who attested the batch, if anyone.
pub fn transition(
    status: BatchStatus,
    action: &Action,
    user: &str,
    role: Role,
    attested_by: Option<&str>,
) -> Result<BatchStatus, ApprovalError> {
    let wrong_status = |needed| ApprovalError::WrongStatus {
        status,
        action: action.code(),
        needed,
    };
    let need_role = |needed: Role| {
        if role == needed {
            Ok(())
        } else {
            Err(ApprovalError::WrongRole {
                user: user.to_string(),
                role: role.code(),
                action: action.code(),
                needed: needed.code(),
            })
        }
    };
    match action {
        Action::Attest => {
            need_role(Role::FinanceOfficer)?;
            (status == BatchStatus::Computed)
                .then_some(BatchStatus::Attested)
                .ok_or_else(|| wrong_status("computed"))
        }
        Action::Approve => {
            need_role(Role::Approver)?;
            if status != BatchStatus::Attested {
                return Err(wrong_status("attested"));
            }
            if attested_by == Some(user) {
                return Err(ApprovalError::SamePerson {
                    user: user.to_string(),
                });
            }
            Ok(BatchStatus::Approved)
        }
        Action::Reject { reason } => {
            if reason.trim().is_empty() {
                return Err(ApprovalError::NoReason);
            }
            if role == Role::Auditor {
                return Err(ApprovalError::WrongRole {
                    user: user.to_string(),
                    role: role.code(),
                    action: "reject",
                    needed: "finance_officer or approver",
                });
            }
            matches!(status, BatchStatus::Attested | BatchStatus::Approved)
                .then_some(BatchStatus::Computed)
                .ok_or_else(|| wrong_status("attested or approved"))
        }
        Action::Pay => (status == BatchStatus::Approved)
            .then_some(BatchStatus::Paid)
            .ok_or_else(|| wrong_status("approved")),
    }
}

/// One entry of the audit log, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub batch_id: i64,
    pub action: String,
    pub actor: String,
    pub at: String,
    /// The content hash of the batch when the action was taken.
    pub batch_hash: String,
    pub detail: String,
    /// The hash of the entry before (empty for the first).
    pub prev_hash: String,
    pub entry_hash: String,
}

/// The hash of an entry: of its fields and the previous entry's hash, so
/// that changing any entry breaks every link after it.
pub fn entry_hash(
    prev_hash: &str,
    batch_id: i64,
    action: &str,
    actor: &str,
    at: &str,
    batch_hash: &str,
    detail: &str,
) -> String {
    let mut hasher = Sha256::new();
    for field in [
        prev_hash,
        &batch_id.to_string(),
        action,
        actor,
        at,
        batch_hash,
        detail,
    ] {
        hasher.update(field.as_bytes());
        hasher.update([0x1f]);
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The first entry whose link is broken, and how.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("audit entry {id} is broken: {how}")]
pub struct BrokenLink {
    pub id: i64,
    pub how: LinkBreak,
}

/// How an entry of the chain is broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LinkBreak {
    /// It names another hash than its predecessor's.
    #[error("its link to the entry before does not match")]
    Relinked,
    /// Its fields no longer hash to its own hash.
    #[error("its content does not match its hash (the row was changed)")]
    Changed,
}

impl BrokenLink {
    /// The break as a person reads it, and as the log records it.
    pub fn reason(&self) -> crate::domain::error::Reason {
        let key = match self.how {
            LinkBreak::Relinked => "audit-link-broken",
            LinkBreak::Changed => "audit-entry-changed",
        };
        crate::domain::error::Reason::told(
            crate::domain::error::Message::new(key).arg("entry", self.id),
            self.to_string(),
        )
    }
}

/// Recomputes the chain in id order.
pub fn verify_chain(entries: &[AuditEntry]) -> Result<usize, BrokenLink> {
    let mut prev = String::new();
    for e in entries {
        if e.prev_hash != prev {
            return Err(BrokenLink {
                id: e.id,
                how: LinkBreak::Relinked,
            });
        }
        let expected = entry_hash(
            &e.prev_hash,
            e.batch_id,
            &e.action,
            &e.actor,
            &e.at,
            &e.batch_hash,
            &e.detail,
        );
        if expected != e.entry_hash {
            return Err(BrokenLink {
                id: e.id,
                how: LinkBreak::Changed,
            });
        }
        prev = e.entry_hash.clone();
    }
    Ok(entries.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use BatchStatus::*;

    /// (status, action, user, role, attested by, expected next status or words of the refusal)
    type TransitionCase = (
        BatchStatus,
        Action,
        &'static str,
        Role,
        Option<&'static str>,
        Result<BatchStatus, &'static str>,
    );

    #[test]
    fn every_transition_of_the_approval_flow() {
        let reject = Action::Reject {
            reason: "wrong period".into(),
        };
        // (status, action, user, role, attested by, expected)
        let table: Vec<TransitionCase> = vec![
            (
                Computed,
                Action::Attest,
                "kari",
                Role::FinanceOfficer,
                None,
                Ok(Attested),
            ),
            (
                Computed,
                Action::Attest,
                "ola",
                Role::Approver,
                None,
                Err("needs the role finance_officer"),
            ),
            (
                Attested,
                Action::Attest,
                "kari",
                Role::FinanceOfficer,
                Some("kari"),
                Err("needs a batch that is computed"),
            ),
            (
                Attested,
                Action::Approve,
                "ola",
                Role::Approver,
                Some("kari"),
                Ok(Approved),
            ),
            (
                Attested,
                Action::Approve,
                "kari",
                Role::Approver,
                Some("kari"),
                Err("another person must approve"),
            ),
            (
                Computed,
                Action::Approve,
                "ola",
                Role::Approver,
                None,
                Err("needs a batch that is attested"),
            ),
            (
                Attested,
                Action::Approve,
                "kari",
                Role::FinanceOfficer,
                Some("per"),
                Err("needs the role approver"),
            ),
            (
                Approved,
                Action::Pay,
                "kari",
                Role::FinanceOfficer,
                Some("kari"),
                Ok(Paid),
            ),
            (
                Attested,
                Action::Pay,
                "kari",
                Role::FinanceOfficer,
                Some("kari"),
                Err("needs a batch that is approved"),
            ),
            (
                Paid,
                Action::Pay,
                "kari",
                Role::FinanceOfficer,
                Some("kari"),
                Err("needs a batch that is approved"),
            ),
            (
                Attested,
                reject.clone(),
                "ola",
                Role::Approver,
                Some("kari"),
                Ok(Computed),
            ),
            (
                Approved,
                reject.clone(),
                "ola",
                Role::Approver,
                Some("kari"),
                Ok(Computed),
            ),
            (
                Paid,
                reject.clone(),
                "ola",
                Role::Approver,
                Some("kari"),
                Err("attested or approved"),
            ),
            (
                Attested,
                Action::Reject { reason: " ".into() },
                "ola",
                Role::Approver,
                Some("kari"),
                Err("needs a reason"),
            ),
            (
                Attested,
                reject,
                "revisor",
                Role::Auditor,
                Some("kari"),
                Err("needs the role"),
            ),
        ];
        for (status, action, user, role, attested_by, expected) in table {
            let result = transition(status, &action, user, role, attested_by);
            match expected {
                Ok(next) => assert_eq!(result, Ok(next), "{status} {action:?} by {user}"),
                Err(words) => {
                    let error = result.expect_err("must be refused").to_string();
                    assert!(
                        error.contains(words),
                        "{status} {action:?} by {user}: {error}"
                    );
                }
            }
        }
    }

    fn chain(n: i64) -> Vec<AuditEntry> {
        let mut entries = Vec::new();
        let mut prev = String::new();
        for id in 1..=n {
            let hash = entry_hash(
                &prev,
                7,
                "attest",
                "kari",
                "2022-07-01T00:00:00Z",
                "abc",
                "",
            );
            entries.push(AuditEntry {
                id,
                batch_id: 7,
                action: "attest".into(),
                actor: "kari".into(),
                at: "2022-07-01T00:00:00Z".into(),
                batch_hash: "abc".into(),
                detail: String::new(),
                prev_hash: prev.clone(),
                entry_hash: hash.clone(),
            });
            prev = hash;
        }
        entries
    }

    #[test]
    fn the_chain_verifies_and_names_the_first_changed_entry() {
        assert_eq!(verify_chain(&chain(4)), Ok(4));
        let mut changed = chain(4);
        changed[2].actor = "mallory".into();
        let broken = |how| BrokenLink { id: 3, how };
        assert_eq!(verify_chain(&changed), Err(broken(LinkBreak::Changed)));
        let mut relinked = chain(4);
        relinked[1].prev_hash = "0".repeat(64);
        let at_2 = verify_chain(&relinked).unwrap_err();
        assert_eq!((at_2.id, at_2.how), (2, LinkBreak::Relinked));
        let mut removed = chain(4);
        removed.remove(1);
        assert_eq!(verify_chain(&removed), Err(broken(LinkBreak::Relinked)));
        let told = broken(LinkBreak::Changed).reason();
        assert_eq!(told.message.unwrap().key, "audit-entry-changed");
        assert!(told.text.contains("audit entry 3"), "{}", told.text);
    }
}
