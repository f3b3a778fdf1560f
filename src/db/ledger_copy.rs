//! An accounts import's vouchers and postings into PostgreSQL by `COPY`,
//! on the native connection of its transaction (sqlx's `Any` driver has
//! none). `COPY` returns no ids, so the vouchers' ids are reserved from
//! their sequence first and written with them.

use super::copy_rows::{all_copied, copy_texts, CopyRows};
use super::ledger::refuse_unbalanced;
use crate::domain::error::Result;
use crate::domain::ledger::Voucher;
use sqlx::PgConnection;

/// Rows per `COPY` message.
const ROWS_PER_PART: usize = 20_000;

/// Writes the vouchers and their postings, refusing them all if one does
/// not balance; returns the lowest id given to a voucher (none without
/// vouchers).
pub(super) async fn copy_vouchers(
    conn: &mut PgConnection,
    vouchers: &[&Voucher],
    source: &str,
) -> Result<Option<i64>> {
    refuse_unbalanced(vouchers)?;
    if vouchers.is_empty() {
        return Ok(None);
    }
    let ids = reserved_ids(conn, vouchers.len()).await?;
    let recorded_at = super::dialect::now_text();
    let voucher_rows = voucher_text(vouchers, &ids, source, &recorded_at);
    all_copied(
        copy_texts(conn, VOUCHER_COPY, voucher_rows).await?,
        vouchers.len(),
        "vouchers",
    )?;
    let postings: usize = vouchers.iter().map(|v| v.postings.len()).sum();
    all_copied(
        copy_texts(conn, POSTING_COPY, posting_text(vouchers, &ids)?).await?,
        postings,
        "postings",
    )?;
    Ok(ids.first().copied())
}

/// `count` voucher ids, one after another, that no other voucher will be
/// given. Every voucher is inserted through the table (tilskot takes no id
/// from its sequence elsewhere), and the table's writers wait here until
/// the transaction ends (readers do not), so the sequence can be moved on
/// by `count` at once: `nextval` for each took a second for 500 000.
async fn reserved_ids(conn: &mut PgConnection, count: usize) -> Result<Vec<i64>> {
    sqlx::query("LOCK TABLE voucher IN SHARE ROW EXCLUSIVE MODE")
        .execute(&mut *conn)
        .await?;
    let count = i64::try_from(count).map_err(|e| internal!("{count} vouchers: {e}"))?;
    let last: i64 = sqlx::query_scalar(
        "SELECT setval(pg_get_serial_sequence('voucher', 'id'), \
         nextval(pg_get_serial_sequence('voucher', 'id')) + $1 - 1)",
    )
    .bind(count)
    .fetch_one(&mut *conn)
    .await?;
    Ok((last - count + 1..=last).collect())
}

const VOUCHER_COPY: &str =
    "COPY voucher (id, reference, voucher_date, source, content_hash, recorded_at) FROM STDIN";

const POSTING_COPY: &str = "COPY posting (voucher_id, line_number, account, chapter, post, \
     amount_ore, counterparty, text) FROM STDIN";

/// The vouchers' rows, each with its id, in parts of [`ROWS_PER_PART`].
fn voucher_text(
    vouchers: &[&Voucher],
    ids: &[i64],
    source: &str,
    recorded_at: &str,
) -> Vec<String> {
    let pairs: Vec<(&&Voucher, &i64)> = vouchers.iter().zip(ids).collect();
    pairs
        .chunks(ROWS_PER_PART)
        .map(|part| {
            let mut rows = CopyRows::with_capacity(part.len(), 96);
            for (voucher, id) in part {
                rows.row()
                    .number(**id)
                    .text(Some(&voucher.reference))
                    .text(Some(&voucher.date.to_string()))
                    .text(Some(source))
                    .text(Some(&voucher.content_hash()))
                    .text(Some(recorded_at));
            }
            rows.finish()
        })
        .collect()
}

/// The postings' rows, numbered from 1 within their voucher, in parts of
/// about [`ROWS_PER_PART`].
fn posting_text(vouchers: &[&Voucher], ids: &[i64]) -> Result<Vec<String>> {
    let mut parts = Vec::new();
    let mut rows = CopyRows::with_capacity(ROWS_PER_PART, 80);
    let mut in_part = 0;
    for (voucher, id) in vouchers.iter().zip(ids) {
        for (index, posting) in voucher.postings.iter().enumerate() {
            let line = i64::try_from(index + 1).map_err(|e| internal!("posting line: {e}"))?;
            let key = posting.budget_key.as_ref();
            rows.row()
                .number(*id)
                .number(line)
                .text(Some(&posting.account))
                .text(key.map(|k| k.chapter.as_str()))
                .text(key.map(|k| k.post.as_str()))
                .number(posting.amount.0)
                .text(posting.counterparty.as_deref())
                .text(Some(&posting.text));
            in_part += 1;
        }
        if in_part >= ROWS_PER_PART {
            let full = std::mem::replace(&mut rows, CopyRows::with_capacity(ROWS_PER_PART, 80));
            parts.push(full.finish());
            in_part = 0;
        }
    }
    if in_part > 0 {
        parts.push(rows.finish());
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ledger::{BudgetKey, Posting};
    use crate::domain::money::Ore;

    fn voucher(reference: &str, amount: i64) -> Voucher {
        let posting = |account: &str, amount: i64, key: Option<BudgetKey>| Posting {
            account: account.into(),
            budget_key: key,
            amount: Ore(amount),
            counterparty: None,
            text: "tilskot\tx".into(),
        };
        Voucher {
            reference: reference.into(),
            date: chrono::NaiveDate::from_ymd_opt(2022, 3, 1).unwrap(),
            postings: vec![
                posting("870", amount, Some(BudgetKey::parse("0671.60").unwrap())),
                posting("60088702", -amount, None),
            ],
        }
    }

    #[test]
    fn postings_carry_their_voucher_s_id_and_a_line_number_from_one() {
        let (a, b) = (voucher("A", 100), voucher("B", 250));
        let parts = posting_text(&[&a, &b], &[41, 57]).unwrap();
        assert_eq!(parts.len(), 1);
        let lines: Vec<Vec<&str>> = parts[0]
            .lines()
            .map(|line| line.split('\t').collect())
            .collect();
        let heads: Vec<(&str, &str, &str)> = lines.iter().map(|l| (l[0], l[1], l[5])).collect();
        assert_eq!(
            heads,
            [
                ("41", "1", "100"),
                ("41", "2", "-100"),
                ("57", "1", "250"),
                ("57", "2", "-250")
            ]
        );
        assert_eq!(lines[0][3..5], ["0671", "60"]);
        assert_eq!(lines[1][3..5], ["\\N", "\\N"]);
        assert_eq!(lines[0][7], "tilskot\\tx", "a tab in a text is escaped");
    }

    #[test]
    fn parts_end_at_whole_vouchers_and_hold_every_row_once() {
        // Two postings a voucher: a part fills at the voucher that reaches
        // ROWS_PER_PART postings, and the last six postings are a part.
        let vouchers: Vec<Voucher> = (0..ROWS_PER_PART / 2 + 3)
            .map(|i| voucher(&format!("V{i}"), 1 + i as i64))
            .collect();
        let refs: Vec<&Voucher> = vouchers.iter().collect();
        let ids: Vec<i64> = (1..=refs.len() as i64).collect();
        let parts = posting_text(&refs, &ids).unwrap();
        let sizes: Vec<usize> = parts.iter().map(|part| part.lines().count()).collect();
        assert_eq!(sizes, [ROWS_PER_PART, 6]);
        let vouchers = voucher_text(&refs, &ids, "bench", "2026-12-06T16:00:00Z");
        let sizes: Vec<usize> = vouchers.iter().map(|part| part.lines().count()).collect();
        assert_eq!(sizes, [refs.len()]);
        let first: Vec<&str> = vouchers[0].lines().next().unwrap().split('\t').collect();
        assert_eq!(first[..4], ["1", "V0", "2022-03-01", "bench"]);
    }
}
