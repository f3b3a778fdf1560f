//! Monthly payout batches (utbetaling per termin), docs/rules.md "Payment":
//! a batch for month M pays, per municipality and grant with a term in M,
//! everything accrued through the term's date minus everything already paid.
//!
//! Pure: accruals and the payments so far in, the lines of the batch out.

use crate::domain::accrual::Accrual;
use crate::domain::calendar::Period;
use crate::domain::grant::Grant;
use crate::domain::ledger::{BudgetKey, Posting, Voucher};
use crate::domain::money::Ore;
use crate::domain::municipality::MunicipalityNumber;
use crate::domain::rules::{MissingYear, RuleBook};
use chrono::Datelike;
use std::collections::BTreeMap;
use std::sync::Arc;

/// What a batch line is about: one municipality, grant and person (no
/// person for the base grant).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineKey {
    pub municipality: MunicipalityNumber,
    pub grant: Grant,
    pub person_id: Option<Arc<str>>,
}

/// One line of a batch: a payment (positive) or a set-off (negative).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct BatchLine {
    pub key: LineKey,
    pub amount: Ore,
}

/// A payment of one person, for `explain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonPayment {
    pub period: Period,
    pub run_number: i64,
    pub municipality: MunicipalityNumber,
    pub grant: Grant,
    pub amount: Ore,
}

/// The grants that have a payment term in a month, with the last month the
/// term pays.
pub fn terms_in_month(
    rules: &RuleBook,
    period: Period,
) -> Result<BTreeMap<Grant, Period>, MissingYear> {
    let year = rules.year(period.year)?;
    Ok(Grant::ALL
        .into_iter()
        .filter_map(|grant| {
            year.term_in_month(period.month, grant)
                .map(|t| (grant, t.through))
        })
        .collect())
}

/// The lines of the batch of `period`: for each grant with a term in that
/// month, the accruals of the months `start..=through` minus what was paid
/// before, per municipality, grant and person. Lines that come to zero are
/// left out; a negative line is a set-off against the municipality's payment.
///
/// `accruals` must cover at least `start..=through` of every grant due.
pub fn plan_batch(
    terms: &BTreeMap<Grant, Period>,
    start: Period,
    accruals: &[Accrual],
    paid: &BTreeMap<LineKey, Ore>,
) -> Vec<BatchLine> {
    // A person's months lie side by side in the accruals, so a run of the
    // same key is summed before it reaches the map (half the map's work).
    let mut due: BTreeMap<LineKey, Ore> = BTreeMap::new();
    let mut run: Option<(LineKey, Ore)> = None;
    for accrual in accruals {
        let Some(through) = terms.get(&accrual.grant) else {
            continue;
        };
        if accrual.period < start || accrual.period > *through {
            continue;
        }
        if let Some((key, sum)) = &mut run {
            let same = key.municipality == accrual.municipality
                && key.grant == accrual.grant
                && key.person_id == accrual.person_id;
            if same {
                *sum += accrual.amount;
                continue;
            }
        }
        if let Some((key, sum)) = run.take() {
            *due.entry(key).or_default() += sum;
        }
        let key = LineKey {
            municipality: accrual.municipality,
            grant: accrual.grant,
            person_id: accrual.person_id.clone(),
        };
        run = Some((key, accrual.amount));
    }
    if let Some((key, sum)) = run {
        *due.entry(key).or_default() += sum;
    }
    for (key, amount) in paid {
        if terms.contains_key(&key.grant) {
            *due.entry(key.clone()).or_default() -= *amount;
        }
    }
    due.into_iter()
        .filter(|(_, amount)| !amount.is_zero())
        .map(|(key, amount)| BatchLine { key, amount })
        .collect()
}

/// The object account of grants to municipalities (artskonto 870, "Tilskot
/// til kommunar") and the treasury payment account (Noregs Bank
/// konsernkonto, utbetalingar) that every payout posts to.
pub const MUNICIPAL_GRANTS_ACCOUNT: &str = "870";
pub const TREASURY_PAYMENTS_ACCOUNT: &str = "60088702";

/// The day of the month a term's payment is dated in the ledger.
pub const PAYMENT_DAY_OF_MONTH: u32 = 15;

/// The ledger vouchers of a paid batch, from its sums per municipality and
/// grant: one voucher each, the expense on the grant's chapter/post and
/// account 870 against the treasury payment account. A set-off (negative
/// amount) posts as a negative expense.
pub fn payment_vouchers_from_totals(
    period: Period,
    run_number: i64,
    totals: &BTreeMap<(MunicipalityNumber, Grant), Ore>,
) -> Vec<Voucher> {
    let date = period
        .first_day()
        .with_day(PAYMENT_DAY_OF_MONTH)
        .expect("every month has a 15th");
    totals
        .iter()
        .filter(|(_, amount)| !amount.is_zero())
        .map(|(&(municipality, grant), &amount)| {
            let budget_key = BudgetKey::parse(grant.budget_line()).expect("valid budget line");
            let text = format!("Utbetaling {grant} termin {period} køyring {run_number}");
            Voucher {
                reference: format!("UTB-{period}-{run_number}-{municipality}-{grant}"),
                date,
                postings: vec![
                    Posting {
                        account: MUNICIPAL_GRANTS_ACCOUNT.into(),
                        budget_key: Some(budget_key),
                        amount,
                        counterparty: Some(municipality.to_string()),
                        text: text.clone(),
                    },
                    Posting {
                        account: TREASURY_PAYMENTS_ACCOUNT.into(),
                        budget_key: None,
                        amount: -amount,
                        counterparty: Some(municipality.to_string()),
                        text,
                    },
                ],
            }
        })
        .collect()
}

/// Sums lines per municipality and grant: what `batch show` prints.
pub fn totals_by_municipality_and_grant(
    lines: &[BatchLine],
) -> BTreeMap<(MunicipalityNumber, Grant), Ore> {
    let mut totals: BTreeMap<(MunicipalityNumber, Grant), Ore> = BTreeMap::new();
    for line in lines {
        *totals
            .entry((line.key.municipality, line.key.grant))
            .or_default() += line.amount;
    }
    totals.retain(|_, amount| !amount.is_zero());
    totals
}

/// Sums lines per municipality: the net amount each municipality receives.
pub fn totals_by_municipality(lines: &[BatchLine]) -> BTreeMap<MunicipalityNumber, Ore> {
    let mut totals: BTreeMap<MunicipalityNumber, Ore> = BTreeMap::new();
    for line in lines {
        *totals.entry(line.key.municipality).or_default() += line.amount;
    }
    totals
}

/// Sums lines per budget line (chapter.post).
pub fn totals_by_budget_line(lines: &[BatchLine]) -> BTreeMap<&'static str, Ore> {
    let mut totals: BTreeMap<&'static str, Ore> = BTreeMap::new();
    for line in lines {
        *totals.entry(line.key.grant.budget_line()).or_default() += line.amount;
    }
    totals
}

/// A fingerprint of a batch's lines, so that a rerun can tell whether
/// anything changed. Lines are sorted first, so order does not matter.
pub fn content_hash(period: Period, lines: &[BatchLine]) -> String {
    use sha2::{Digest, Sha256};
    let mut sorted: Vec<&BatchLine> = lines.iter().collect();
    sorted.sort();
    use std::fmt::Write;
    let mut hasher = Sha256::new();
    hasher.update(period.to_string().as_bytes());
    // One buffer for every line: a batch has hundreds of thousands.
    let mut text = String::new();
    for line in sorted {
        text.clear();
        let person = line.key.person_id.as_deref().unwrap_or("");
        let (municipality, grant) = (line.key.municipality, line.key.grant);
        write!(text, "\n{municipality}|{grant}|{person}|{}", line.amount.0).expect("to a String");
        hasher.update(text.as_bytes());
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::grant::{Category, RuleId};
    use crate::domain::rules::RateKey;

    fn muni(text: &str) -> MunicipalityNumber {
        MunicipalityNumber::from_trusted(text).unwrap()
    }

    fn accrual(person: &str, municipality: &str, grant: Grant, period: &str, ore: i64) -> Accrual {
        Accrual {
            person_id: Some(Arc::from(person)),
            municipality: muni(municipality),
            grant,
            period: period.parse().unwrap(),
            amount: Ore(ore),
            rule: RuleId::R4,
            category: Some(Category::Adult),
            grant_year: 2,
            rate: RateKey::IntegrationYear(2),
        }
    }

    fn terms(through: &str) -> BTreeMap<Grant, Period> {
        Grant::ALL
            .into_iter()
            .map(|g| (g, through.parse().unwrap()))
            .collect()
    }

    fn key(person: &str, municipality: &str, grant: Grant) -> LineKey {
        LineKey {
            municipality: muni(municipality),
            grant,
            person_id: Some(Arc::from(person)),
        }
    }

    #[test]
    fn lines_sum_every_accrual_of_a_key_wherever_it_lies_and_come_in_key_order() {
        // p2's months are split by p1's, and p1 moved between municipalities.
        let accruals = vec![
            accrual("p2", "0301", Grant::Integration, "2022-01", 5),
            accrual("p1", "4601", Grant::Integration, "2022-01", 7),
            accrual("p1", "4601", Grant::Integration, "2022-02", 11),
            accrual("p2", "0301", Grant::Integration, "2022-02", 13),
            accrual("p1", "0301", Grant::Integration, "2022-03", 17),
            accrual("p1", "4601", Grant::Minor, "2022-03", 19),
            accrual("p2", "0301", Grant::Integration, "2022-03", -18),
        ];
        let paid: BTreeMap<LineKey, Ore> = [
            (key("p1", "4601", Grant::Integration), Ore(3)),
            (key("p3", "5001", Grant::Integration), Ore(23)),
        ]
        .into();
        let lines = plan_batch(
            &terms("2022-12"),
            "2022-01".parse().unwrap(),
            &accruals,
            &paid,
        );
        let expected = [
            (key("p1", "0301", Grant::Integration), 17),
            (key("p1", "4601", Grant::Integration), 7 + 11 - 3),
            (key("p1", "4601", Grant::Minor), 19),
            (key("p3", "5001", Grant::Integration), -23),
        ];
        let mut expected: Vec<BatchLine> = expected
            .into_iter()
            .map(|(key, ore)| BatchLine {
                key,
                amount: Ore(ore),
            })
            .collect();
        expected.sort();
        // p2's months sum to zero: no line.
        assert_eq!(lines, expected);
    }

    #[test]
    fn a_term_pays_what_accrued_through_its_date_minus_what_was_paid() {
        let accruals: Vec<Accrual> = (1..=7)
            .map(|m| {
                accrual(
                    "p1",
                    "0301",
                    Grant::Integration,
                    &format!("2022-{m:02}"),
                    2_000_000,
                )
            })
            .collect();
        let start: Period = "2022-01".parse().unwrap();
        let april = plan_batch(&terms("2022-03"), start, &accruals, &BTreeMap::new());
        assert_eq!(
            april,
            [BatchLine {
                key: key("p1", "0301", Grant::Integration),
                amount: Ore(6_000_000)
            }]
        );
        let paid: BTreeMap<LineKey, Ore> =
            april.iter().map(|l| (l.key.clone(), l.amount)).collect();
        let july = plan_batch(&terms("2022-06"), start, &accruals, &paid);
        assert_eq!(july[0].amount, Ore(6_000_000));
        // Nothing accrued before the start period is paid.
        let late_start = plan_batch(
            &terms("2022-03"),
            "2022-03".parse().unwrap(),
            &accruals,
            &BTreeMap::new(),
        );
        assert_eq!(late_start[0].amount, Ore(2_000_000));
    }

    #[test]
    fn a_correction_that_lowers_the_accrual_becomes_a_set_off() {
        let start: Period = "2022-01".parse().unwrap();
        let mut paid = BTreeMap::new();
        paid.insert(key("p1", "0301", Grant::Integration), Ore(6_000_000));
        paid.insert(key("p2", "0301", Grant::Integration), Ore(1_000_000));
        // p1 left in February: only two months were earned; p2 vanished from the register.
        let accruals = vec![
            accrual("p1", "0301", Grant::Integration, "2022-01", 2_000_000),
            accrual("p1", "0301", Grant::Integration, "2022-02", 2_000_000),
        ];
        let lines = plan_batch(&terms("2022-06"), start, &accruals, &paid);
        assert_eq!(
            lines,
            [
                BatchLine {
                    key: key("p1", "0301", Grant::Integration),
                    amount: Ore(-2_000_000)
                },
                BatchLine {
                    key: key("p2", "0301", Grant::Integration),
                    amount: Ore(-1_000_000)
                },
            ]
        );
        assert_eq!(
            totals_by_municipality(&lines)[&muni("0301")],
            Ore(-3_000_000)
        );
    }

    #[test]
    fn only_grants_with_a_term_in_the_month_are_paid() {
        let accruals = vec![
            accrual("p1", "0301", Grant::Integration, "2022-01", 100),
            accrual("p1", "0301", Grant::Minor, "2022-01", 200),
        ];
        let mut only_minor = BTreeMap::new();
        only_minor.insert(Grant::Minor, "2022-03".parse().unwrap());
        let lines = plan_batch(
            &only_minor,
            "2022-01".parse().unwrap(),
            &accruals,
            &BTreeMap::new(),
        );
        let grants: Vec<Grant> = lines.iter().map(|l| l.key.grant).collect();
        assert_eq!(grants, [Grant::Minor]);
        assert!(plan_batch(
            &BTreeMap::new(),
            "2022-01".parse().unwrap(),
            &accruals,
            &BTreeMap::new()
        )
        .is_empty());
    }

    #[test]
    fn a_batch_posts_one_balanced_voucher_per_municipality_and_grant_with_set_offs_negative() {
        let lines = vec![
            BatchLine {
                key: key("p1", "0301", Grant::Integration),
                amount: Ore(300),
            },
            BatchLine {
                key: key("p2", "0301", Grant::Integration),
                amount: Ore(-500),
            },
            BatchLine {
                key: key("p3", "0301", Grant::Minor),
                amount: Ore(700),
            },
        ];
        let vouchers = payment_vouchers_from_totals(
            "2022-07".parse().unwrap(),
            1,
            &totals_by_municipality_and_grant(&lines),
        );
        assert_eq!(vouchers.len(), 2);
        let integration = &vouchers[0];
        assert_eq!(integration.reference, "UTB-2022-07-1-0301-integration");
        assert_eq!(integration.date.to_string(), "2022-07-15");
        assert_eq!(integration.postings[0].account, "870");
        assert_eq!(
            integration.postings[0]
                .budget_key
                .as_ref()
                .unwrap()
                .to_string(),
            "0671.60"
        );
        assert_eq!(integration.postings[0].amount, Ore(-200));
        assert_eq!(integration.postings[1].account, "60088702");
        assert!(vouchers.iter().all(|v| v.imbalance().is_zero()));
        assert_eq!(
            vouchers[1].postings[0]
                .budget_key
                .as_ref()
                .unwrap()
                .to_string(),
            "0671.61"
        );
    }

    #[test]
    fn the_content_hash_is_the_sha256_of_the_period_and_the_sorted_lines_as_text() {
        use sha2::{Digest, Sha256};
        let period: Period = "2022-04".parse().unwrap();
        let lines = [
            BatchLine {
                key: key("p2", "0301", Grant::Integration),
                amount: Ore(-2),
            },
            BatchLine {
                key: key("p1", "0301", Grant::Integration),
                amount: Ore(1),
            },
        ];
        let text = "2022-04\n0301|integration|p1|1\n0301|integration|p2|-2";
        let expected: String = Sha256::digest(text.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(content_hash(period, &lines), expected);
    }

    #[test]
    fn the_content_hash_ignores_line_order_but_not_amounts() {
        let period: Period = "2022-04".parse().unwrap();
        let a = BatchLine {
            key: key("p1", "0301", Grant::Integration),
            amount: Ore(1),
        };
        let b = BatchLine {
            key: key("p2", "0301", Grant::Integration),
            amount: Ore(2),
        };
        assert_eq!(
            content_hash(period, &[a.clone(), b.clone()]),
            content_hash(period, &[b.clone(), a.clone()])
        );
        let changed = BatchLine {
            amount: Ore(3),
            ..b.clone()
        };
        assert_ne!(
            content_hash(period, &[a.clone(), changed]),
            content_hash(period, &[a, b])
        );
    }
}
