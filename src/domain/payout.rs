//! Monthly payout batches (utbetaling per termin), docs/rules.md "Payment":
//! a batch for month M pays, per municipality and grant with a term in M,
//! everything accrued through the term's date minus everything already paid.
//!
//! Pure: accruals and the payments so far in, the lines of the batch out.

#[cfg(test)]
use crate::domain::accrual::Accrual;
use crate::domain::calendar::Period;
use crate::domain::grant::Grant;
use crate::domain::ledger::{BudgetKey, Posting, Voucher};
use crate::domain::money::Ore;
use crate::domain::municipality::MunicipalityNumber;
use crate::domain::rules::{MissingYear, RuleBook};
use chrono::Datelike;
use smol_str::SmolStr;
use std::collections::BTreeMap;
#[cfg(test)]
use std::collections::HashMap;

/// What a batch line is about: one municipality, grant and person (no
/// person for the base grant).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineKey {
    pub municipality: MunicipalityNumber,
    pub grant: Grant,
    pub person_id: Option<SmolStr>,
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
///
/// The batch run uses [`plan_from_due`] over
/// [`crate::domain::due::due_by_line`], which sums without listing every
/// accrual; this plan over the listed accruals is kept for the tests that
/// hold the two to the same lines.
#[cfg(test)]
pub(crate) fn plan_batch(
    terms: &BTreeMap<Grant, Period>,
    start: Period,
    accruals: &[Accrual],
    paid: &[BatchLine],
) -> Vec<BatchLine> {
    let due = due_in_key_order(terms, start, accruals);
    due_minus_paid(due, paid_with_a_term(terms, paid))
}

/// The lines of a batch from what is due per line (in key order, see
/// [`crate::domain::due::due_by_line`]) minus what was paid before, for the
/// grants with a term: the same lines as `plan_batch` over the listed accruals.
pub fn plan_from_due(
    terms: &BTreeMap<Grant, Period>,
    due: Vec<(LineKey, Ore)>,
    paid: &[BatchLine],
) -> Vec<BatchLine> {
    due_minus_paid(due, paid_with_a_term(terms, paid))
}

/// The paid sums (in key order) of the grants with a term.
fn paid_with_a_term<'a>(
    terms: &'a BTreeMap<Grant, Period>,
    paid: &'a [BatchLine],
) -> impl Iterator<Item = (&'a LineKey, &'a Ore)> {
    paid.iter()
        .filter(|line| terms.contains_key(&line.key.grant))
        .map(|line| (&line.key, &line.amount))
}

/// What is due per municipality, grant and person, in key order.
///
/// A person's months lie side by side in the accruals, so a run of the same
/// key is summed first; the runs go to one bucket per municipality and
/// grant, where persons come nearly in order (the register's), so that each
/// bucket sorts in about one pass. A map of all keys took twice as long.
#[cfg(test)]
fn due_in_key_order(
    terms: &BTreeMap<Grant, Period>,
    start: Period,
    accruals: &[Accrual],
) -> Vec<(LineKey, Ore)> {
    type Bucket = Vec<(Option<SmolStr>, Ore)>;
    let mut buckets: HashMap<(MunicipalityNumber, Grant), Bucket> = HashMap::new();
    let mut run: Option<(&Accrual, Ore)> = None;
    for accrual in accruals {
        let Some(through) = terms.get(&accrual.grant) else {
            continue;
        };
        if accrual.period < start || accrual.period > *through {
            continue;
        }
        if let Some((first, sum)) = &mut run {
            if same_line(first, accrual) {
                *sum += accrual.amount;
                continue;
            }
        }
        if let Some((first, sum)) = run.replace((accrual, accrual.amount)) {
            let bucket = buckets
                .entry((first.municipality, first.grant))
                .or_default();
            bucket.push((first.person_id.clone(), sum));
        }
    }
    if let Some((first, sum)) = run {
        let bucket = buckets
            .entry((first.municipality, first.grant))
            .or_default();
        bucket.push((first.person_id.clone(), sum));
    }
    let mut keys: Vec<(MunicipalityNumber, Grant)> = buckets.keys().copied().collect();
    keys.sort_unstable();
    let mut due = Vec::with_capacity(buckets.values().map(Vec::len).sum());
    for (municipality, grant) in keys {
        let mut bucket = buckets.remove(&(municipality, grant)).expect("listed key");
        bucket.sort_by(|a, b| a.0.cmp(&b.0));
        for (person_id, amount) in bucket {
            let key = LineKey {
                municipality,
                grant,
                person_id,
            };
            match due.last_mut() {
                Some((last, sum)) if *last == key => *sum += amount,
                _ => due.push((key, amount)),
            }
        }
    }
    due
}

/// Whether two accruals belong to the same batch line.
#[cfg(test)]
fn same_line(a: &Accrual, b: &Accrual) -> bool {
    a.municipality == b.municipality && a.grant == b.grant && a.person_id == b.person_id
}

/// The lines of what is due minus what was paid, both in key order: a
/// merge of the two lists, without the lines that come to zero.
fn due_minus_paid<'a>(
    due: Vec<(LineKey, Ore)>,
    paid: impl Iterator<Item = (&'a LineKey, &'a Ore)>,
) -> Vec<BatchLine> {
    let mut lines = Vec::with_capacity(due.len());
    let mut paid = paid.peekable();
    let mut push = |key: LineKey, amount: Ore| {
        if !amount.is_zero() {
            lines.push(BatchLine { key, amount });
        }
    };
    for (key, amount) in due {
        while let Some((paid_key, paid_amount)) = paid.next_if(|(k, _)| **k < key) {
            push(paid_key.clone(), Ore(0) - *paid_amount);
        }
        match paid.next_if(|(k, _)| **k == key) {
            Some((_, paid_amount)) => push(key, amount - *paid_amount),
            None => push(key, amount),
        }
    }
    for (paid_key, paid_amount) in paid {
        push(paid_key.clone(), Ore(0) - *paid_amount);
    }
    lines
}

/// What was paid after adding newly paid lines to the sums so far: one line
/// per municipality, grant and person, in key order, without sums that came
/// to zero (a payment and its set-off). `so_far` must be in key order, as
/// this function and a payment leave it. A merge of two sorted lists: a map
/// filled line by line took a quarter of a batch run at 600 000 paid lines,
/// and a map built from the merge and listed again for storing a tenth of a
/// payment at 1.2 million.
pub fn add_paid(so_far: &[BatchLine], mut new: Vec<BatchLine>) -> Vec<BatchLine> {
    new.sort_by(|a, b| a.key.cmp(&b.key));
    let mut merged: Vec<BatchLine> = Vec::with_capacity(so_far.len() + new.len());
    let mut earlier = so_far.iter().peekable();
    for BatchLine { key, amount } in new {
        while let Some(line) = earlier.next_if(|line| line.key < key) {
            merged.push(line.clone());
        }
        let amount = match earlier.next_if(|line| line.key == key) {
            Some(line) => line.amount + amount,
            None => amount,
        };
        match merged.last_mut() {
            Some(last) if last.key == key => last.amount += amount,
            _ => merged.push(BatchLine { key, amount }),
        }
    }
    merged.extend(earlier.cloned());
    merged.retain(|line| !line.amount.is_zero());
    merged
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
    hash_of_lines(&period.to_string(), lines)
}

/// A fingerprint of what was paid so far per municipality, grant and person
/// (`sums`, as lines) and of the paid batches it sums: the payment that
/// wrote them records it in the audit log, and a run checks it before it
/// subtracts them.
pub fn paid_sums_hash(covered_batches: &[i64], sums: &[BatchLine]) -> String {
    let ids: Vec<String> = covered_batches.iter().map(i64::to_string).collect();
    hash_of_lines(&format!("paid through batches {}", ids.join(",")), sums)
}

/// The SHA-256 of `header` and the sorted lines as text.
fn hash_of_lines(header: &str, lines: &[BatchLine]) -> String {
    use sha2::{Digest, Sha256};
    let mut sorted: Vec<&BatchLine> = lines.iter().collect();
    // Lines mostly come sorted already (a plan, a read of stored blocks).
    if !sorted.is_sorted() {
        sorted.sort();
    }
    let mut hasher = Sha256::new();
    hasher.update(header.as_bytes());
    // The same text as `\n{municipality}|{grant}|{person}|{amount}` per
    // line, written without the formatting machinery into one buffer that
    // is hashed every 64 KiB: a term has hundreds of thousands of lines.
    let mut text: Vec<u8> = Vec::with_capacity(HASH_BUFFER + 256);
    let mut municipality_text = (None, String::new());
    let mut number = itoa::Buffer::new();
    for line in sorted {
        let municipality = line.key.municipality;
        if municipality_text.0 != Some(municipality) {
            municipality_text = (Some(municipality), municipality.to_string());
        }
        text.push(b'\n');
        text.extend_from_slice(municipality_text.1.as_bytes());
        text.push(b'|');
        text.extend_from_slice(line.key.grant.code().as_bytes());
        text.push(b'|');
        text.extend_from_slice(line.key.person_id.as_deref().unwrap_or("").as_bytes());
        text.push(b'|');
        text.extend_from_slice(number.format(line.amount.0).as_bytes());
        if text.len() >= HASH_BUFFER {
            hasher.update(&text);
            text.clear();
        }
    }
    hasher.update(&text);
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// How much line text [`content_hash`] gathers before hashing it.
const HASH_BUFFER: usize = 64 * 1024;

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
            person_id: Some(SmolStr::new(person)),
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

    /// The plan as first written, one map of every key: what the faster
    /// plan must equal.
    fn plan_with_one_map(
        terms: &BTreeMap<Grant, Period>,
        start: Period,
        accruals: &[Accrual],
        paid: &[BatchLine],
    ) -> Vec<BatchLine> {
        let mut due: BTreeMap<LineKey, Ore> = BTreeMap::new();
        for a in accruals {
            let Some(through) = terms.get(&a.grant) else {
                continue;
            };
            if a.period >= start && a.period <= *through {
                let key = LineKey {
                    municipality: a.municipality,
                    grant: a.grant,
                    person_id: a.person_id.clone(),
                };
                *due.entry(key).or_default() += a.amount;
            }
        }
        for line in paid.iter().filter(|l| terms.contains_key(&l.key.grant)) {
            *due.entry(line.key.clone()).or_default() -= line.amount;
        }
        due.into_iter()
            .filter(|(_, a)| !a.is_zero())
            .map(|(key, amount)| BatchLine { key, amount })
            .collect()
    }

    #[test]
    fn paid_sums_add_new_lines_to_earlier_sums_and_drop_what_came_to_zero() {
        let line = |person: &str, municipality: &str, grant: Grant, ore: i64| BatchLine {
            key: key(person, municipality, grant),
            amount: Ore(ore),
        };
        let so_far = vec![
            line("A", "0301", Grant::Integration, 100),
            line("B", "0301", Grant::Integration, 50),
            line("C", "3005", Grant::Minor, 7),
        ];
        let new = vec![
            line("Z", "0301", Grant::Integration, 5),
            line("B", "0301", Grant::Integration, -50),
            line("A", "0301", Grant::Integration, 20),
            line("Z", "0301", Grant::Integration, 6),
        ];
        let expected = vec![
            line("A", "0301", Grant::Integration, 120),
            line("Z", "0301", Grant::Integration, 11),
            line("C", "3005", Grant::Minor, 7),
        ];
        // In key order (municipality, grant, person), as a payment stores them.
        assert_eq!(add_paid(&so_far, new), expected);
        assert_eq!(add_paid(&[], Vec::new()), []);
    }

    #[test]
    fn the_plan_equals_the_plan_of_one_map_on_mixed_accruals_and_payments() {
        // A fixed pseudo-random mix: persons out of order, moves between
        // municipalities, interleaved grants, the base grant, payments of
        // keys no longer due and of grants without a term this month.
        let mut seed: u64 = 0x5eed;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let municipalities = ["0301", "3005", "4601", "5001"];
        let grants = [
            Grant::Integration,
            Grant::Minor,
            Grant::Norwegian,
            Grant::NorwegianBase,
        ];
        let mut accruals = Vec::new();
        for _ in 0..3_000 {
            let grant = grants[next(4) as usize];
            let mut a = accrual(
                &format!("P{}", next(300)),
                municipalities[next(4) as usize],
                grant,
                &format!("2022-{:02}", 1 + next(12)),
                next(2_000) as i64 - 200,
            );
            if grant == Grant::NorwegianBase {
                a.person_id = None;
            }
            accruals.push(a);
        }
        let mut paid = BTreeMap::new();
        for _ in 0..800 {
            let mut k = key(
                &format!("P{}", next(400)),
                municipalities[next(4) as usize],
                [Grant::Integration, Grant::Minor, Grant::Elderly][next(3) as usize],
            );
            if next(10) == 0 {
                k.person_id = None;
            }
            paid.insert(k, Ore(next(5_000) as i64));
        }
        let paid = lines_of(paid);
        let start = "2022-01".parse().unwrap();
        let mut some_terms = terms("2022-07");
        some_terms.remove(&Grant::Elderly);
        for terms in [terms("2022-12"), some_terms] {
            let planned = plan_batch(&terms, start, &accruals, &paid);
            assert_eq!(planned, plan_with_one_map(&terms, start, &accruals, &paid));
            assert!(planned.len() > 500, "{}", planned.len());
        }
    }

    /// Paid sums as a payment stores them: lines in key order.
    fn lines_of(paid: BTreeMap<LineKey, Ore>) -> Vec<BatchLine> {
        paid.into_iter()
            .map(|(key, amount)| BatchLine { key, amount })
            .collect()
    }

    fn key(person: &str, municipality: &str, grant: Grant) -> LineKey {
        LineKey {
            municipality: muni(municipality),
            grant,
            person_id: Some(SmolStr::new(person)),
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
        let paid = lines_of(BTreeMap::from([
            (key("p1", "4601", Grant::Integration), Ore(3)),
            (key("p3", "5001", Grant::Integration), Ore(23)),
        ]));
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
        let april = plan_batch(&terms("2022-03"), start, &accruals, &[]);
        assert_eq!(
            april,
            [BatchLine {
                key: key("p1", "0301", Grant::Integration),
                amount: Ore(6_000_000)
            }]
        );
        let july = plan_batch(&terms("2022-06"), start, &accruals, &april);
        assert_eq!(july[0].amount, Ore(6_000_000));
        // Nothing accrued before the start period is paid.
        let late_start = plan_batch(
            &terms("2022-03"),
            "2022-03".parse().unwrap(),
            &accruals,
            &[],
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
        let lines = plan_batch(&terms("2022-06"), start, &accruals, &lines_of(paid));
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
        let lines = plan_batch(&only_minor, "2022-01".parse().unwrap(), &accruals, &[]);
        let grants: Vec<Grant> = lines.iter().map(|l| l.key.grant).collect();
        assert_eq!(grants, [Grant::Minor]);
        assert!(
            plan_batch(&BTreeMap::new(), "2022-01".parse().unwrap(), &accruals, &[]).is_empty()
        );
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
    fn the_paid_sums_hash_names_the_batches_it_sums_before_the_lines() {
        use sha2::{Digest, Sha256};
        let sums = [BatchLine {
            key: key("p1", "0301", Grant::Integration),
            amount: Ore(5),
        }];
        let text = "paid through batches 3,8\n0301|integration|p1|5";
        let expected: String = Sha256::digest(text.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(paid_sums_hash(&[3, 8], &sums), expected);
        assert_ne!(paid_sums_hash(&[3], &sums), expected);
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
