//! Tamper evidence: what `audit verify` checks beyond the hash chain.
//!
//! Every batch's stored lines must still hash to the hash its audit entries
//! recorded (compute, attest, approve, pay), every state a batch is in must
//! have the entry that put it there, and every entry of a step must belong
//! to a batch in that state or later. The chain's head at every payment is
//! also written outside the database (an anchor file), so that removing the
//! newest entries is seen. All pure functions over plain data.

use crate::domain::approval::{AuditEntry, BatchStatus};
use crate::domain::calendar::Period;
use crate::domain::error::{Message, Reason};
use crate::domain::payout::{content_hash, paid_sums_hash, BatchLine};

/// A stored batch as the check needs it.
pub struct BatchFacts<'a> {
    pub id: i64,
    pub period: Period,
    pub run_number: i64,
    pub status: BatchStatus,
    pub content_hash: &'a str,
    pub lines: &'a [BatchLine],
}

/// The actions whose entry records the batch's content hash.
const HASHED_ACTIONS: [&str; 4] = ["compute", "attest", "approve", "pay"];

/// What is wrong with one batch against the audit log, each problem naming
/// the batch and, where there is one, the entry.
pub fn batch_problems(batch: &BatchFacts, entries: &[AuditEntry]) -> Vec<Reason> {
    let name = format!(
        "batch {} run {} (id {})",
        batch.period, batch.run_number, batch.id
    );
    let told = |key| {
        Message::new(key)
            .arg("period", batch.period)
            .arg("run", batch.run_number)
            .arg("batch", batch.id)
    };
    let mut problems = Vec::new();
    let stored = content_hash(batch.period, batch.lines);
    if stored != batch.content_hash {
        problems.push(Reason::told(
            told("audit-batch-lines-changed"),
            format!("{name}: its stored lines no longer hash to the batch's content hash (a line was changed)"),
        ));
    }
    let own: Vec<&AuditEntry> = entries.iter().filter(|e| e.batch_id == batch.id).collect();
    for entry in own
        .iter()
        .filter(|e| HASHED_ACTIONS.contains(&e.action.as_str()))
    {
        if entry.batch_hash != stored {
            problems.push(Reason::told(
                told("audit-batch-lines-not-as-entry")
                    .arg("entry", entry.id)
                    .arg("action", &entry.action),
                format!(
                    "{name}: its stored lines do not hash to what audit entry {} ({}) recorded",
                    entry.id, entry.action
                ),
            ));
        }
    }
    let has = |action: &str| own.iter().any(|e| e.action == action);
    for action in required_actions(batch) {
        if !has(action) {
            problems.push(Reason::told(
                told("audit-batch-entry-missing")
                    .named("status", "batch-status", batch.status)
                    .arg("action", action),
                format!("{name}: it is {} but has no '{action}' entry", batch.status),
            ));
        }
    }
    problems
}

/// Why the stored lines of a paid batch may not be summed as paid, if
/// they may not: they must hash to what the payment's audit entry recorded.
/// An empty batch is paid at once without a payment entry; it must still
/// be empty.
pub fn paid_lines_problem(
    batch_id: i64,
    period: Period,
    lines: &[BatchLine],
    pay_entry_hash: Option<&str>,
) -> Option<Reason> {
    let name = format!("the paid batch {period} (id {batch_id})");
    let told = |key| {
        Message::new(key)
            .arg("period", period)
            .arg("batch", batch_id)
    };
    match pay_entry_hash {
        None if lines.is_empty() => None,
        None => Some(Reason::told(
            told("audit-paid-lines-unrecorded"),
            format!("{name} has lines but no payment entry in the audit log; run `tilskot audit verify`"),
        )),
        Some(recorded) if content_hash(period, lines) != recorded => Some(Reason::told(
            told("audit-paid-lines-changed"),
            format!("{name}: its stored lines no longer hash to what its payment recorded, so what was paid is not known; run `tilskot audit verify`"),
        )),
        Some(_) => None,
    }
}

/// Why the paid sums stored at the payment of batch `through` may not be
/// subtracted, if they may not: the payment's 'paid_sums' audit entry must
/// have recorded the hash of the batches they sum and their lines.
pub fn paid_sums_problem(
    through: i64,
    batches: &[i64],
    lines: &[BatchLine],
    recorded: Option<&str>,
) -> Option<Reason> {
    let name = format!("the paid sums stored at the payment of batch id {through}");
    let told = |key| Message::new(key).arg("batch", through);
    match recorded {
        None => Some(Reason::told(
            told("audit-paid-sums-unrecorded"),
            format!("{name} have no entry in the audit log; run `tilskot audit verify`"),
        )),
        Some(hash) if paid_sums_hash(batches, lines) != hash => Some(Reason::told(
            told("audit-paid-sums-changed"),
            format!("{name} no longer hash to what the payment recorded, so what was paid is not known; run `tilskot audit verify`"),
        )),
        Some(_) if !one_nonzero_line_per_key_in_order(lines) => Some(Reason::told(
            told("audit-paid-sums-out-of-order"),
            format!("{name} are not one nonzero line per municipality, grant and person in key order, as a payment writes them; run `tilskot audit verify`"),
        )),
        Some(_) => None,
    }
}

/// Whether `lines` are as a payment writes its sums, which every merge with
/// them assumes: keys strictly ascending, no amount zero.
fn one_nonzero_line_per_key_in_order(lines: &[BatchLine]) -> bool {
    lines.windows(2).all(|pair| pair[0].key < pair[1].key)
        && lines.iter().all(|line| !line.amount.is_zero())
}

/// Why the stored paid sums may not be used, if they sum a batch that is no
/// longer paid: a paid batch never changes state, so its status was set
/// back by hand, and summing without it would pay it again.
pub fn paid_sums_cover_unpaid(covered: &[i64], paid_batches: &[i64]) -> Option<Reason> {
    let unpaid: Vec<String> = covered
        .iter()
        .filter(|id| !paid_batches.contains(id))
        .map(i64::to_string)
        .collect();
    (!unpaid.is_empty()).then(|| {
        let unpaid = unpaid.join(", ");
        Reason::told(
            Message::new("audit-paid-sums-cover-unpaid").arg("batches", &unpaid),
            format!("the stored paid sums include batch id {unpaid} that is no longer paid; run `tilskot audit verify`"),
        )
    })
}

/// The entries a batch in its state must have. An empty batch is stored as
/// paid at once, with its compute entry only.
fn required_actions(batch: &BatchFacts) -> Vec<&'static str> {
    let mut actions = vec!["compute"];
    if batch.lines.is_empty() {
        return actions;
    }
    match batch.status {
        BatchStatus::Attested => actions.push("attest"),
        BatchStatus::Approved => actions.extend(["attest", "approve"]),
        BatchStatus::Paid => actions.extend(["attest", "approve", "pay"]),
        _ => {}
    }
    actions
}

/// Entries of a step whose batch is not in that state or later (a state
/// that was set back by hand), or that name no batch at all.
pub fn orphan_entries(batches: &[BatchFacts], entries: &[AuditEntry]) -> Vec<Reason> {
    let mut problems = Vec::new();
    for entry in entries {
        let needs: &[BatchStatus] = match entry.action.as_str() {
            "pay" => &[BatchStatus::Paid],
            "approve" => &[
                BatchStatus::Approved,
                BatchStatus::Paid,
                BatchStatus::Superseded,
            ],
            _ => continue,
        };
        let told = |key| {
            Message::new(key)
                .arg("entry", entry.id)
                .arg("action", &entry.action)
        };
        match batches.iter().find(|b| b.id == entry.batch_id) {
            None => problems.push(Reason::told(
                told("audit-entry-without-batch").arg("batch", entry.batch_id),
                format!(
                    "audit entry {} ({}) names batch id {}, which does not exist",
                    entry.id, entry.action, entry.batch_id
                ),
            )),
            Some(batch) if !needs.contains(&batch.status) => problems.push(Reason::told(
                told("audit-entry-ahead-of-batch")
                    .arg("period", batch.period)
                    .arg("run", batch.run_number)
                    .named("status", "batch-status", batch.status),
                format!(
                    "audit entry {} ({}) is for batch {} run {}, which is {}",
                    entry.id, entry.action, batch.period, batch.run_number, batch.status
                ),
            )),
            Some(_) => {}
        }
    }
    problems
}

/// A line of the anchor file: the chain's head when a payment was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub entry_id: i64,
    pub entry_hash: String,
}

impl Anchor {
    pub fn to_line(&self, payment_id: &str) -> String {
        format!("{} {} {payment_id}\n", self.entry_id, self.entry_hash)
    }

    /// Reads the anchors of a file's text; a malformed line is an error
    /// naming it.
    pub fn parse_all(text: &str) -> Result<Vec<Anchor>, String> {
        text.lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, line)| {
                let mut parts = line.split_whitespace();
                let id = parts.next().and_then(|p| p.parse().ok());
                let hash = parts.next();
                match (id, hash) {
                    (Some(entry_id), Some(hash)) => Ok(Anchor {
                        entry_id,
                        entry_hash: hash.to_string(),
                    }),
                    _ => Err(format!(
                        "line {}: not '<entry id> <entry hash> <payment>'",
                        i + 1
                    )),
                }
            })
            .collect()
    }
}

/// Anchors the database's chain no longer holds: a removed or changed entry.
pub fn missing_anchors(anchors: &[Anchor], entries: &[AuditEntry]) -> Vec<Reason> {
    anchors
        .iter()
        .filter(|a| {
            !entries
                .iter()
                .any(|e| e.id == a.entry_id && e.entry_hash == a.entry_hash)
        })
        .map(|a| {
            Reason::told(
                Message::new("audit-anchor-missing")
                    .arg("entry", a.entry_id)
                    .arg("hash", &a.entry_hash),
                format!(
                    "the anchor file holds audit entry {} with hash {}, which the database's chain no longer has (entries were removed or changed)",
                    a.entry_id, a.entry_hash
                ),
            )
        })
        .collect()
}

/// How many payments the chain records that no anchor vouches for, when
/// the anchor file holds none at all: every payment appends the chain's
/// head to that file, so an empty or missing file beside payments means it
/// was removed, or another file was named. Without payments there is
/// nothing to vouch for.
pub fn payments_without_any_anchor(anchors: &[Anchor], entries: &[AuditEntry]) -> usize {
    if !anchors.is_empty() {
        return 0;
    }
    entries.iter().filter(|e| e.action == "pay").count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Ore;
    use crate::domain::payout::LineKey;

    fn line(amount: i64) -> BatchLine {
        BatchLine {
            key: LineKey {
                municipality: crate::domain::municipality::MunicipalityNumber::from_trusted("0301")
                    .unwrap(),
                grant: crate::domain::grant::Grant::Minor,
                person_id: Some("A1".into()),
            },
            amount: Ore(amount),
        }
    }

    fn entry(id: i64, batch_id: i64, action: &str, hash: &str) -> AuditEntry {
        AuditEntry {
            id,
            batch_id,
            action: action.into(),
            actor: "kari".into(),
            at: String::new(),
            batch_hash: hash.into(),
            detail: String::new(),
            prev_hash: String::new(),
            entry_hash: format!("h{id}"),
        }
    }

    #[test]
    fn paid_sums_that_cover_a_batch_no_longer_paid_are_named() {
        assert_eq!(paid_sums_cover_unpaid(&[2, 5], &[2, 5, 9]), None);
        let problem = paid_sums_cover_unpaid(&[2, 5], &[2, 9]).unwrap();
        assert!(
            problem.text.contains("batch id 5 that is no longer paid"),
            "{problem}"
        );
        assert_eq!(
            problem.message.unwrap().args,
            [("batches", "5".to_string())]
        );
    }

    #[test]
    fn paid_sums_are_trusted_only_with_the_hash_their_payment_recorded() {
        let sums = vec![line(300)];
        let recorded = paid_sums_hash(&[2, 5], &sums);
        assert_eq!(paid_sums_problem(5, &[2, 5], &sums, Some(&recorded)), None);
        let edited = paid_sums_problem(5, &[2, 5], &[line(30)], Some(&recorded)).unwrap();
        assert!(
            edited.text.contains("batch id 5") && edited.text.contains("no longer hash"),
            "{edited}"
        );
        let fewer_batches = paid_sums_problem(5, &[5], &sums, Some(&recorded));
        assert!(fewer_batches.is_some());
        let no_entry = paid_sums_problem(5, &[2, 5], &sums, None).unwrap();
        assert!(no_entry.text.contains("no entry"), "{no_entry}");
        assert_eq!(no_entry.message.unwrap().key, "audit-paid-sums-unrecorded");
    }

    #[test]
    fn paid_sums_that_hash_as_recorded_must_still_be_one_line_per_key_in_order() {
        let mut later = line(5);
        later.key.person_id = Some("B2".into());
        for (sums, fits) in [
            (vec![line(300), later.clone()], true),
            (vec![later.clone(), line(300)], false),
            (vec![line(300), line(7)], false),
            (vec![line(0)], false),
            (vec![], true),
        ] {
            let recorded = paid_sums_hash(&[2], &sums);
            let problem = paid_sums_problem(2, &[2], &sums, Some(&recorded));
            assert_eq!(problem.is_none(), fits, "{sums:?}: {problem:?}");
            if let Some(problem) = problem {
                assert!(problem.text.contains("key order"), "{problem}");
            }
        }
    }

    #[test]
    fn an_edited_line_and_a_missing_entry_are_named() {
        let period: Period = "2022-04".parse().unwrap();
        let paid = vec![line(100)];
        let hash = content_hash(period, &paid);
        let entries: Vec<AuditEntry> = ["compute", "attest", "approve", "pay"]
            .iter()
            .enumerate()
            .map(|(i, a)| entry(i as i64 + 1, 7, a, &hash))
            .collect();
        let batch = |lines| BatchFacts {
            id: 7,
            period,
            run_number: 1,
            status: BatchStatus::Paid,
            content_hash: &hash,
            lines,
        };
        assert!(batch_problems(&batch(&paid), &entries).is_empty());
        let edited = vec![line(1)];
        let problems = batch_problems(&batch(&edited), &entries);
        assert!(
            problems[0].text.contains("batch 2022-04 run 1 (id 7)"),
            "{problems:?}"
        );
        let without_pay = &entries[..3];
        let problems = batch_problems(&batch(&paid), without_pay);
        assert!(
            problems.iter().any(|p| p.text.contains("no 'pay' entry")),
            "{problems:?}"
        );
    }

    #[test]
    fn a_removed_tail_is_seen_through_the_anchor() {
        let entries = vec![entry(1, 7, "compute", ""), entry(2, 7, "pay", "")];
        let anchors = Anchor::parse_all("2 h2 TS-1\n").unwrap();
        assert!(missing_anchors(&anchors, &entries).is_empty());
        let problems = missing_anchors(&anchors, &entries[..1]);
        assert!(problems[0].text.contains("audit entry 2"), "{problems:?}");
        let told = problems[0].message.as_ref().unwrap();
        assert_eq!(told.key, "audit-anchor-missing");
        assert_eq!(told.args[0], ("entry", "2".to_string()));
        assert!(Anchor::parse_all("x\n").is_err());
    }

    #[test]
    fn payments_with_an_empty_anchor_file_are_counted() {
        let computed = vec![entry(1, 7, "compute", "")];
        let paid = vec![
            entry(1, 7, "compute", ""),
            entry(2, 7, "pay", ""),
            entry(3, 8, "pay", ""),
        ];
        let anchors = Anchor::parse_all("3 h3 TS-1\n").unwrap();
        assert_eq!(payments_without_any_anchor(&[], &computed), 0);
        assert_eq!(payments_without_any_anchor(&[], &paid), 2);
        assert_eq!(payments_without_any_anchor(&anchors, &paid), 0);
    }

    #[test]
    fn paid_lines_are_summed_only_while_they_hash_to_the_payment() {
        let period: Period = "2022-04".parse().unwrap();
        let paid = vec![line(100)];
        let hash = content_hash(period, &paid);
        assert_eq!(paid_lines_problem(7, period, &paid, Some(&hash)), None);
        let edited = paid_lines_problem(7, period, &[line(1)], Some(&hash)).unwrap();
        assert!(edited.text.contains("2022-04 (id 7)"), "{edited}");
        assert_eq!(paid_lines_problem(8, period, &[], None), None);
        let unrecorded = paid_lines_problem(8, period, &paid, None).unwrap();
        assert!(unrecorded.text.contains("no payment entry"), "{unrecorded}");
    }
}
