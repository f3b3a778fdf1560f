//! The audit log as CSV (`tilskot audit log`): every entry with the fields
//! its hash covers, so that an auditor recomputes the chain with their own
//! tools (README, "Approval and payment").

use crate::domain::approval::AuditEntry;
use std::collections::BTreeMap;

/// The header of the export, in column order.
pub const AUDIT_LOG_HEADER: [&str; 10] = [
    "id",
    "at",
    "actor",
    "action",
    "batch_id",
    "batch",
    "batch_hash",
    "detail",
    "prev_hash",
    "entry_hash",
];

/// Every entry in id order; `batch_names` names a batch id as "2022-04 run
/// 1" (entries of no batch have id 0 and an empty name). Fields are quoted
/// where CSV needs it, so a detail with a comma or a quote stays one field.
pub fn audit_log_csv(
    entries: &[AuditEntry],
    batch_names: &BTreeMap<i64, String>,
) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(AUDIT_LOG_HEADER)?;
    for e in entries {
        let batch = batch_names.get(&e.batch_id).map_or("", String::as_str);
        writer.write_record([
            e.id.to_string().as_str(),
            &e.at,
            &e.actor,
            &e.action,
            &e.batch_id.to_string(),
            batch,
            &e.batch_hash,
            &e.detail,
            &e.prev_hash,
            &e.entry_hash,
        ])?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8(bytes).expect("the fields are text"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_detail_with_a_comma_and_a_quote_stays_one_field() {
        let entry = AuditEntry {
            id: 3,
            batch_id: 7,
            action: "reject".into(),
            actor: "ola".into(),
            at: "2022-04-02T10:00:00Z".into(),
            batch_hash: "abc".into(),
            detail: "rejected: check \"Hamar\", then Oslo".into(),
            prev_hash: "p".into(),
            entry_hash: "e".into(),
        };
        let names = BTreeMap::from([(7, "2022-04 run 1".to_string())]);
        let csv = audit_log_csv(&[entry], &names).unwrap();
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let row = reader.records().next().unwrap().unwrap();
        assert_eq!(row.len(), AUDIT_LOG_HEADER.len());
        assert_eq!(&row[5], "2022-04 run 1");
        assert_eq!(&row[7], "rejected: check \"Hamar\", then Oslo");
    }
}
