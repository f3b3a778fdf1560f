//! The ledger in the database (edge): chart, budget lines, allocations,
//! vouchers and postings. A voucher is written with its postings in one
//! transaction that checks it balances; postings are never updated or
//! deleted (database triggers refuse it).

use crate::db::audit::{append_audit_on, NewEntry};
use crate::db::dialect::{multi_row_insert, now_text, texts_of_json_array, ROWS_PER_JSON};
use crate::db::json_rows::JsonRows;
use crate::db::ledger_copy::copy_vouchers;
use crate::db::{Backend, Store};
use crate::domain::calendar::parse_iso_date;
use crate::domain::error::Result;
use crate::domain::journal::JournalVoucher;
use crate::domain::ledger::{Account, Allocation, BudgetKey, BudgetLine, Voucher};
use crate::domain::money::Ore;
use crate::domain::statements::LedgerEntry;
use chrono::Datelike;
use sqlx::any::AnyRow;
use sqlx::{Any, Connection, Postgres, Row, Transaction};
use std::collections::BTreeMap;

/// What an accounts import wrote.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AccountsImportReport {
    pub accounts: usize,
    pub budget_lines: usize,
    pub allocations: usize,
    pub vouchers_added: usize,
    pub vouchers_already_present: usize,
}

/// Everything the statements need from the database.
pub struct LedgerData {
    pub accounts: BTreeMap<String, Account>,
    pub budget_lines: Vec<BudgetLine>,
    pub allocations: Vec<Allocation>,
    pub entries: Vec<LedgerEntry>,
}

impl Store {
    /// Writes chart, budget lines, allocations and the new vouchers in one
    /// transaction. A voucher already stored with the same content is
    /// skipped; the same reference with other content is an error.
    pub async fn import_accounts(
        &self,
        source: &str,
        accounts: &[Account],
        budget_lines: &[BudgetLine],
        allocations: &[Allocation],
        vouchers: &[Voucher],
        actor: &str,
    ) -> Result<AccountsImportReport> {
        let references: Vec<&str> = vouchers.iter().map(|v| v.reference.as_str()).collect();
        let existing = self.voucher_hashes(&references).await?;
        let mut report = AccountsImportReport {
            accounts: accounts.len(),
            budget_lines: budget_lines.len(),
            allocations: allocations.len(),
            ..Default::default()
        };
        let mut new_vouchers = Vec::new();
        for voucher in vouchers {
            match existing.get(&voucher.reference) {
                Some(hash) if *hash == voucher.content_hash() => report.vouchers_already_present += 1,
                Some(_) => refuse_told!(
                    crate::domain::error::Message::new("error-voucher-differs")
                        .arg("reference", &voucher.reference),
                    "voucher {} is already in the ledger with other content: a correction is a new voucher",
                    voucher.reference
                ),
                None => new_vouchers.push(voucher),
            }
        }
        let detail = format!(
            "{source}: {} accounts, {} budget lines, {} allocations, {} vouchers added",
            accounts.len(),
            budget_lines.len(),
            allocations.len(),
            new_vouchers.len()
        );
        let reference_data = ReferenceData {
            accounts,
            budget_lines,
            allocations,
        };
        let entry = NewEntry {
            batch_id: 0,
            action: "accounts_imported",
            actor,
            batch_hash: "",
            detail: &detail,
        };
        match self.backend() {
            Backend::Sqlite => {
                let mut tx = self.pool().begin().await?;
                upsert_reference_data::<Any>(&mut tx, &reference_data).await?;
                insert_vouchers(Backend::Sqlite, &mut tx, &new_vouchers, source).await?;
                append_audit_on::<Any>(&mut tx, &entry).await?;
                tx.commit().await?;
            }
            Backend::Postgres => {
                let mut conn = self.native_postgres().await?;
                let mut tx = conn.begin().await?;
                upsert_reference_data::<Postgres>(&mut tx, &reference_data).await?;
                let first = copy_vouchers(&mut tx, &new_vouchers, source).await?;
                check_stored::<Postgres>(&mut tx, Backend::Postgres, first, &new_vouchers).await?;
                append_audit_on::<Postgres>(&mut tx, &entry).await?;
                tx.commit().await?;
                super::close_native(conn).await;
            }
        }
        report.vouchers_added = new_vouchers.len();
        Ok(report)
    }

    /// Loads chart and budget lines only where the tables are empty: the
    /// shipped defaults for a new database.
    pub async fn seed_reference_data(
        &self,
        accounts: &[Account],
        budget_lines: &[BudgetLine],
    ) -> Result<bool> {
        let count: i64 = sqlx::query("SELECT COUNT(*) FROM account")
            .fetch_one(self.pool())
            .await?
            .get(0);
        if count > 0 {
            return Ok(false);
        }
        let mut tx = self.pool().begin().await?;
        let reference_data = ReferenceData {
            accounts,
            budget_lines,
            allocations: &[],
        };
        upsert_reference_data::<Any>(&mut tx, &reference_data).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// The content hashes of those of `references` already in the ledger.
    /// Only the references asked for are read: reading the whole ledger for
    /// every import made repeated imports quadratic.
    async fn voucher_hashes(&self, references: &[&str]) -> Result<BTreeMap<String, String>> {
        let sql = format!(
            "SELECT reference, content_hash FROM voucher WHERE reference IN ({})",
            texts_of_json_array(self.backend())
        );
        let mut hashes = BTreeMap::new();
        for chunk in references.chunks(ROWS_PER_JSON) {
            let rows = sqlx::query(&sql)
                .bind(serde_json::json!(chunk).to_string())
                .fetch_all(self.pool())
                .await?;
            for row in rows {
                hashes.insert(row.get::<String, _>(0), row.get::<String, _>(1));
            }
        }
        Ok(hashes)
    }

    pub async fn voucher_count(&self) -> Result<i64> {
        Ok(sqlx::query("SELECT COUNT(*) FROM voucher")
            .fetch_one(self.pool())
            .await?
            .get(0))
    }

    pub async fn posting_count(&self) -> Result<i64> {
        Ok(sqlx::query("SELECT COUNT(*) FROM posting")
            .fetch_one(self.pool())
            .await?
            .get(0))
    }

    /// The year's allocation per budget line (`0671.60`): what was
    /// transferred from the year before and allocated in the year.
    pub async fn allocations_of_year(&self, year: i32) -> Result<BTreeMap<String, Ore>> {
        sqlx::query(
            "SELECT chapter, post, transferred_ore, allocated_ore FROM allocation WHERE year = $1",
        )
        .bind(i64::from(year))
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| {
            let key = format!("{}.{}", r.get::<String, _>(0), r.get::<String, _>(1));
            let total = r
                .get::<i64, _>(2)
                .checked_add(r.get::<i64, _>(3))
                .ok_or_else(|| internal!("the allocation of {key} in {year} overflows"))?;
            Ok((key, Ore(total)))
        })
        .collect()
    }

    /// The vouchers whose postings do not sum to zero, with their sum: a
    /// check of what was stored (every import refuses an unbalanced one).
    pub async fn unbalanced_vouchers(&self) -> Result<Vec<(String, Ore)>> {
        Ok(sqlx::query(
            "SELECT v.reference, CAST(SUM(p.amount_ore) AS BIGINT) FROM voucher v \
             JOIN posting p ON p.voucher_id = v.id GROUP BY v.id, v.reference \
             HAVING SUM(p.amount_ore) <> 0 ORDER BY v.reference",
        )
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| (r.get::<String, _>(0), Ore(r.get::<i64, _>(1))))
        .collect())
    }

    /// The accounts, budget lines, allocations and every posting.
    pub async fn ledger_data(&self) -> Result<LedgerData> {
        let accounts = sqlx::query("SELECT account, name, grp, line FROM account ORDER BY account")
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| {
                let account = Account {
                    account: r.get(0),
                    name: r.get(1),
                    group: r.get(2),
                    line: r.get(3),
                };
                (account.account.clone(), account)
            })
            .collect();
        // Budget lines keep the order in which they were first loaded.
        let budget_lines = sqlx::query(
            "SELECT chapter, post, chapter_name, post_text, kind, transferable, notes, position FROM budget_line ORDER BY position",
        )
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(budget_line_from_row)
        .collect::<Result<Vec<_>>>()?;
        let allocations = sqlx::query(
            "SELECT year, chapter, post, transferred_ore, allocated_ore FROM allocation ORDER BY year, chapter, post",
        )
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| {
            Ok(Allocation {
                year: i32::try_from(r.get::<i64, _>(0)).map_err(|e| internal!(e))?,
                key: BudgetKey::new(&r.get::<String, _>(1), &r.get::<String, _>(2)).map_err(|e| internal!(e))?,
                transferred: Ore(r.get(3)),
                allocated: Ore(r.get(4)),
            })
        })
        .collect::<Result<Vec<_>>>()?;
        // The statements need sums per year, opening flag, account and budget
        // line, not single postings: the database adds them up, so a ledger of
        // millions of postings comes back as a few hundred rows.
        let entries = sqlx::query(
            "SELECT substr(v.voucher_date, 1, 4) || '-01-01', \
                    CASE WHEN v.reference LIKE 'IB-%' THEN 'IB-' ELSE '' END, \
                    p.account, p.chapter, p.post, CAST(SUM(p.amount_ore) AS BIGINT) \
             FROM posting p JOIN voucher v ON v.id = p.voucher_id \
             GROUP BY substr(v.voucher_date, 1, 4), CASE WHEN v.reference LIKE 'IB-%' THEN 'IB-' ELSE '' END, \
                      p.account, p.chapter, p.post \
             ORDER BY 1, 2 DESC, 3, 4, 5",
        )
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(entry_from_row)
        .collect::<Result<Vec<_>>>()?;
        Ok(LedgerData {
            accounts,
            budget_lines,
            allocations,
            entries,
        })
    }
}

impl Store {
    /// Every voucher dated up to the end of `year`, with its postings, for
    /// the hledger journal.
    pub async fn journal_vouchers(&self, year: i32) -> Result<Vec<JournalVoucher>> {
        let rows = sqlx::query(
            "SELECT v.id, v.reference, v.voucher_date, p.account, p.chapter, p.post, p.amount_ore, p.text \
             FROM posting p JOIN voucher v ON v.id = p.voucher_id WHERE v.voucher_date <= $1 \
             ORDER BY v.voucher_date, v.id, p.line_number",
        )
        .bind(format!("{year}-12-31"))
        .fetch_all(self.pool())
        .await?;
        let mut vouchers: Vec<JournalVoucher> = Vec::new();
        let mut last_id = None;
        for row in rows {
            let id: i64 = row.get(0);
            if last_id != Some(id) {
                last_id = Some(id);
                vouchers.push(JournalVoucher {
                    reference: row.get(1),
                    date: parse_iso_date(&row.get::<String, _>(2)).map_err(|e| internal!(e))?,
                    text: row.get(7),
                    postings: Vec::new(),
                });
            }
            let chapter: Option<String> = row.get(4);
            let post: Option<String> = row.get(5);
            let statskonto = chapter.zip(post).map(|(c, p)| format!("{c}.{p}"));
            vouchers.last_mut().expect("pushed").postings.push((
                row.get(3),
                statskonto,
                Ore(row.get(6)),
            ));
        }
        Ok(vouchers)
    }
}

/// The chart, budget lines and allocations an import brings.
struct ReferenceData<'a> {
    accounts: &'a [Account],
    budget_lines: &'a [BudgetLine],
    allocations: &'a [Allocation],
}

on_either_driver! {
/// Adds or updates the chart's accounts, the budget lines (new ones after
/// the last) and the allocations.
async fn upsert_reference_data<DB>(
    conn: &mut DB::Connection,
    data: &ReferenceData<'_>,
) -> Result<()> {
    for a in data.accounts {
        sqlx::query::<DB>(
            "INSERT INTO account (account, name, grp, line) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (account) DO UPDATE SET name = excluded.name, grp = excluded.grp, line = excluded.line",
        )
        .bind(a.account.clone())
        .bind(a.name.clone())
        .bind(a.group.clone())
        .bind(a.line.clone())
        .execute(&mut *conn)
        .await?;
    }
    let start: i64 =
        sqlx::query::<DB>("SELECT CAST(COALESCE(MAX(position), 0) AS BIGINT) FROM budget_line")
            .fetch_one(&mut *conn)
            .await?
            .get(0);
    for (index, line) in data.budget_lines.iter().enumerate() {
        let notes: Vec<&str> = line.notes.iter().map(String::as_str).collect();
        sqlx::query::<DB>(
            "INSERT INTO budget_line (chapter, post, chapter_name, post_text, kind, transferable, notes, position) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (chapter, post) DO UPDATE SET chapter_name = excluded.chapter_name, post_text = excluded.post_text, \
             kind = excluded.kind, transferable = excluded.transferable, notes = excluded.notes",
        )
        .bind(line.key.chapter.clone())
        .bind(line.key.post.clone())
        .bind(line.chapter_name.clone())
        .bind(line.post_text.clone())
        .bind(String::from(if line.income { "income" } else { "expense" }))
        .bind(String::from(if line.transferable { "true" } else { "false" }))
        .bind(notes.join(", "))
        .bind(start + index as i64 + 1)
        .execute(&mut *conn)
        .await?;
    }
    for a in data.allocations {
        sqlx::query::<DB>(
            "INSERT INTO allocation (year, chapter, post, transferred_ore, allocated_ore) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (year, chapter, post) DO UPDATE SET transferred_ore = excluded.transferred_ore, allocated_ore = excluded.allocated_ore",
        )
        .bind(i64::from(a.year))
        .bind(a.key.chapter.clone())
        .bind(a.key.post.clone())
        .bind(a.transferred.0)
        .bind(a.allocated.0)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
}

/// Writes many vouchers and their postings in the caller's transaction with
/// multi-row inserts (SQLite) or one JSON text per chunk (PostgreSQL), then
/// checks in the same transaction that every one of
/// them balances as stored. Returns the ids by reference.
pub(in crate::db) async fn insert_vouchers(
    backend: Backend,
    tx: &mut Transaction<'_, Any>,
    vouchers: &[&Voucher],
    source: &str,
) -> Result<BTreeMap<String, i64>> {
    refuse_unbalanced(vouchers)?;
    let recorded_at = now_text();
    let ids = match backend {
        Backend::Sqlite => insert_voucher_rows(tx, vouchers, source, &recorded_at).await?,
        Backend::Postgres => insert_voucher_json(tx, vouchers, source, &recorded_at).await?,
    };
    let postings: Vec<PostingRow> = vouchers
        .iter()
        .flat_map(|v| {
            let id = ids[&v.reference];
            v.postings
                .iter()
                .enumerate()
                .map(move |(i, p)| (id, i + 1, p))
        })
        .collect();
    match backend {
        Backend::Sqlite => insert_posting_rows(tx, &postings).await?,
        Backend::Postgres => insert_posting_json(tx, &postings).await?,
    }
    check_stored::<Any>(tx, backend, ids.values().min().copied(), vouchers).await?;
    Ok(ids)
}

/// Refuses the vouchers if one does not balance, before anything is
/// written.
pub(super) fn refuse_unbalanced(vouchers: &[&Voucher]) -> Result<()> {
    if let Some(v) = vouchers.iter().find(|v| !v.imbalance().is_zero()) {
        refuse_told!(
            crate::domain::error::Message::new("error-voucher-unbalanced")
                .arg("reference", &v.reference)
                .arg("difference", v.imbalance()),
            "voucher {} does not balance: {}",
            v.reference,
            v.imbalance()
        );
    }
    Ok(())
}

on_either_driver! {
/// Checks in the caller's transaction, after the vouchers (the first with
/// id `first`) and their postings were written, that every one of them
/// balances as stored and that none is dated in a closed year.
async fn check_stored<DB>(
    conn: &mut DB::Connection,
    backend: Backend,
    first: Option<i64>,
    vouchers: &[&Voucher],
) -> Result<()> {
    if let Some(first) = first {
        let unbalanced: i64 = sqlx::query::<DB>(
            "SELECT COUNT(*) FROM (SELECT voucher_id FROM posting WHERE voucher_id >= $1 \
             GROUP BY voucher_id HAVING SUM(amount_ore) <> 0) unbalanced",
        )
        .bind(first)
        .fetch_one(&mut *conn)
        .await?
        .get(0);
        if unbalanced != 0 {
            return Err(internal!(
                "{unbalanced} voucher(s) do not balance in the database; nothing was written"
            ));
        }
    }
    // After the writes, so that the transaction holds the write lock
    // before it reads (SQLite cannot upgrade a read under a writer).
    let closed = crate::db::closed_years::closed_on::<DB>(conn, backend).await?;
    if let Some(v) = vouchers.iter().find(|v| closed.contains(&v.date.year())) {
        refuse_told!(
            crate::domain::error::Message::new("error-voucher-in-closed-year")
                .arg("year", v.date.year())
                .arg("reference", &v.reference)
                .arg("date", v.date),
            "{} is closed (tilskot close-year): no voucher is dated in it, and {} is dated {}",
            v.date.year(),
            v.reference,
            v.date
        );
    }
    Ok(())
}
}

/// A posting to store: its voucher's id, its line number and itself.
pub(super) type PostingRow<'a> = (i64, usize, &'a crate::domain::ledger::Posting);

/// Vouchers as multi-row inserts (SQLite); their ids by reference.
async fn insert_voucher_rows(
    tx: &mut Transaction<'_, Any>,
    vouchers: &[&Voucher],
    source: &str,
    recorded_at: &str,
) -> Result<BTreeMap<String, i64>> {
    let mut ids: BTreeMap<String, i64> = BTreeMap::new();
    for chunk in vouchers.chunks(VOUCHERS_PER_INSERT) {
        let mut sql = multi_row_insert(
            Backend::Sqlite,
            "voucher",
            &[
                "reference",
                "voucher_date",
                "source",
                "content_hash",
                "recorded_at",
            ],
            chunk.len(),
        );
        sql.push_str(" RETURNING id, reference");
        let mut query = sqlx::query(&sql);
        for v in chunk {
            query = query
                .bind(&v.reference)
                .bind(v.date.to_string())
                .bind(source)
                .bind(v.content_hash())
                .bind(recorded_at);
        }
        for row in query.fetch_all(&mut **tx).await? {
            ids.insert(row.get(1), row.get(0));
        }
    }
    Ok(ids)
}

/// Postings as multi-row inserts (SQLite).
async fn insert_posting_rows(
    tx: &mut Transaction<'_, Any>,
    postings: &[PostingRow<'_>],
) -> Result<()> {
    for chunk in postings.chunks(POSTINGS_PER_INSERT) {
        let sql = multi_row_insert(
            Backend::Sqlite,
            "posting",
            &[
                "voucher_id",
                "line_number",
                "account",
                "chapter",
                "post",
                "amount_ore",
                "counterparty",
                "text",
            ],
            chunk.len(),
        );
        let mut query = sqlx::query(&sql);
        for (id, line, p) in chunk {
            query = query
                .bind(*id)
                .bind(*line as i64)
                .bind(&p.account)
                .bind(p.budget_key.as_ref().map(|k| k.chapter.clone()))
                .bind(p.budget_key.as_ref().map(|k| k.post.clone()))
                .bind(p.amount.0)
                .bind(p.counterparty.clone())
                .bind(&p.text);
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

/// Vouchers as one JSON parameter per chunk (PostgreSQL): a statement of
/// thousands of numbered parameters cost PostgreSQL three times SQLite's
/// time; one text it unpacks itself does not. Their ids by reference.
async fn insert_voucher_json(
    tx: &mut Transaction<'_, Any>,
    vouchers: &[&Voucher],
    source: &str,
    recorded_at: &str,
) -> Result<BTreeMap<String, i64>> {
    let mut ids = BTreeMap::new();
    for chunk in vouchers.chunks(ROWS_PER_JSON) {
        let mut rows = JsonRows::with_capacity(chunk.len(), 64);
        for v in chunk {
            rows.row()
                .text(Some(&v.reference))?
                .text(Some(&v.date.to_string()))?
                .text(Some(&v.content_hash()))?;
        }
        let stored = sqlx::query(
            "INSERT INTO voucher (reference, voucher_date, source, content_hash, recorded_at) \
             SELECT r->>0, r->>1, $2, r->>2, $3 FROM jsonb_array_elements($1::jsonb) AS r \
             RETURNING id, reference",
        )
        .bind(rows.finish()?)
        .bind(source)
        .bind(recorded_at)
        .fetch_all(&mut **tx)
        .await?;
        for row in stored {
            ids.insert(row.get(1), row.get(0));
        }
    }
    Ok(ids)
}

/// Postings as one JSON parameter per chunk (PostgreSQL).
async fn insert_posting_json(
    tx: &mut Transaction<'_, Any>,
    postings: &[PostingRow<'_>],
) -> Result<()> {
    for chunk in postings.chunks(ROWS_PER_JSON) {
        let mut rows = JsonRows::with_capacity(chunk.len(), 64);
        for (id, line, p) in chunk {
            let key = p.budget_key.as_ref();
            let line = i64::try_from(*line).map_err(|e| internal!(e))?;
            rows.row()
                .number(*id)
                .number(line)
                .text(Some(&p.account))?
                .text(key.map(|k| k.chapter.as_str()))?
                .text(key.map(|k| k.post.as_str()))?
                .number(p.amount.0)
                .text(p.counterparty.as_deref())?
                .text(Some(&p.text))?;
        }
        sqlx::query(
            "INSERT INTO posting (voucher_id, line_number, account, chapter, post, amount_ore, counterparty, text) \
             SELECT (r->>0)::bigint, (r->>1)::bigint, r->>2, r->>3, r->>4, (r->>5)::bigint, r->>6, r->>7 \
             FROM jsonb_array_elements($1::jsonb) AS r",
        )
        .bind(rows.finish()?)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Rows per multi-row insert: under SQLite's 32 766 and PostgreSQL's 65 535
/// parameters.
const VOUCHERS_PER_INSERT: usize = 2_000;
const POSTINGS_PER_INSERT: usize = 2_000;

fn budget_line_from_row(r: &AnyRow) -> Result<BudgetLine> {
    let notes: String = r.get(6);
    Ok(BudgetLine {
        key: BudgetKey::new(&r.get::<String, _>(0), &r.get::<String, _>(1))
            .map_err(|e| internal!(e))?,
        chapter_name: r.get(2),
        post_text: r.get(3),
        income: r.get::<String, _>(4) == "income",
        transferable: r.get::<String, _>(5) == "true",
        notes: notes
            .split(',')
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect(),
    })
}

fn entry_from_row(r: &AnyRow) -> Result<LedgerEntry> {
    let chapter: Option<String> = r.get(3);
    let post: Option<String> = r.get(4);
    let reference: String = r.get(1);
    Ok(LedgerEntry {
        date: parse_iso_date(&r.get::<String, _>(0)).map_err(|e| internal!(e))?,
        opening: reference.starts_with("IB-"),
        account: r.get(2),
        budget_key: match (chapter, post) {
            (Some(c), Some(p)) => Some(BudgetKey::new(&c, &p).map_err(|e| internal!(e))?),
            _ => None,
        },
        amount: Ore(r.get(5)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::error::Error;
    use crate::domain::ledger::Posting;

    fn voucher(amounts: &[i64]) -> Voucher {
        Voucher {
            reference: "V1".into(),
            date: chrono::NaiveDate::from_ymd_opt(2022, 3, 1).unwrap(),
            postings: amounts
                .iter()
                .map(|amount| Posting {
                    account: "870".into(),
                    budget_key: None,
                    amount: Ore(*amount),
                    counterparty: None,
                    text: "x".into(),
                })
                .collect(),
        }
    }

    /// The store's own guard, behind the ledger file's check: a voucher
    /// whose postings do not sum to zero is refused before any write, by
    /// its reference and its difference in øre.
    #[test]
    fn a_voucher_off_by_one_ore_is_refused_before_anything_is_written() {
        let (balanced, off) = (voucher(&[12_345, -12_345]), voucher(&[12_345, -12_344]));
        assert!(refuse_unbalanced(&[&balanced]).is_ok());
        assert!(refuse_unbalanced(&[]).is_ok());
        let Err(Error::Refused(reason)) = refuse_unbalanced(&[&balanced, &off]) else {
            panic!("an unbalanced voucher was let through");
        };
        let message = reason.message.as_ref().expect("a message for the reader");
        assert_eq!(message.key, "error-voucher-unbalanced");
        assert!(
            reason.to_string().contains("voucher V1 does not balance: "),
            "{reason}"
        );
        assert_eq!(off.imbalance(), Ore(1));
    }
}
