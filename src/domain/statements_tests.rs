use super::*;
use crate::domain::ledger::BudgetLine;
use std::collections::BTreeSet;

fn line(post: &str, transferable: bool) -> BudgetLine {
    BudgetLine {
        key: BudgetKey::new("0671", post).unwrap(),
        chapter_name: String::new(),
        post_text: String::new(),
        income: false,
        transferable,
        notes: ["A", "B"]
            .into_iter()
            .map(String::from)
            .collect::<BTreeSet<_>>(),
    }
}

fn allocation(year: i32, post: &str, kroner: i64) -> Allocation {
    Allocation {
        year,
        key: BudgetKey::new("0671", post).unwrap(),
        transferred: Ore::ZERO,
        allocated: Ore::from_kroner(kroner).unwrap(),
    }
}

/// (post, kan overførast, allocated this year, last year, basis NOK,
/// expected maximum in øre, expected possible transfer in øre)
type NoteBCase = (&'static str, bool, i64, Option<i64>, i64, Option<i64>, i64);

#[test]
fn note_b_maximum_and_possible_transfer_follow_the_rules_of_the_post() {
    // (post, kan overførast, allocated this year, last year, basis NOK,
    //  expected maximum in øre, expected possible transfer in øre)
    let table: [NoteBCase; 9] = [
        // Operating post: 5 % of this year's allocation.
        (
            "01",
            false,
            342_281_688,
            None,
            11_076_870,
            Some(1_711_408_440),
            1_107_687_000,
        ),
        // The cap binds.
        ("01", false, 1_000, None, 100, Some(5_000), 5_000),
        // Negative basis: nothing moves.
        ("01", false, 1_000, None, -100, Some(5_000), 0),
        // Post 29 is still operating; 24 is not.
        ("29", false, 1_000, None, 10, Some(5_000), 1_000),
        ("24", false, 1_000, None, 10, None, 0),
        // Transferable: the sum of this year's and last year's allocation.
        (
            "21",
            true,
            21_731_230,
            Some(32_500_000),
            -337_718,
            Some(5_423_123_000),
            0,
        ),
        (
            "60",
            true,
            10_991_981_684,
            Some(5_962_691_000),
            1_376_853_314,
            Some(1_695_467_268_400),
            137_685_331_400,
        ),
        // Transferable without a last-year allocation.
        ("45", true, 100, None, 500, Some(10_000), 10_000),
        // Neither operating nor transferable.
        ("70", false, 1_000, None, 10, None, 0),
    ];
    for (post, transferable, this_year, last_year, basis, max, transfer) in table {
        let line = line(post, transferable);
        let last = last_year.map(|k| allocation(2021, post, k));
        let computed_max =
            max_transferable(&line, &allocation(2022, post, this_year), last.as_ref());
        assert_eq!(computed_max, max.map(Ore), "post {post}");
        assert_eq!(
            possible_transfer(Ore::from_kroner(basis).unwrap(), computed_max),
            Ore(transfer),
            "post {post}"
        );
    }
}

#[test]
fn operating_posts_are_01_to_29_except_24() {
    let operating: Vec<u32> = (1..=99)
        .filter(|p| is_operating_post(&BudgetKey::new("0670", &format!("{p:02}")).unwrap()))
        .collect();
    assert_eq!(operating.len(), 28);
    assert!(
        !operating.contains(&24)
            && operating.contains(&1)
            && operating.contains(&29)
            && !operating.contains(&30)
    );
}

#[test]
fn tables_print_exact_sums_rounded_half_away_from_zero() {
    let mut table = Table::new("t.csv", &["line"], &["amount", "previous"]);
    table.push(&["a"], &[Some(Ore(-150)), None]);
    table.push(&["b, with comma"], &[Some(Ore(149)), Some(Ore(-149))]);
    assert_eq!(
        table.to_csv(),
        "line,amount,previous\na,-2,\n\"b, with comma\",1,-1\n"
    );
}

fn account(number: &str, group: &str, line: &str) -> (String, crate::domain::ledger::Account) {
    (
        number.to_string(),
        crate::domain::ledger::Account {
            account: number.into(),
            name: number.into(),
            group: group.into(),
            line: line.into(),
        },
    )
}

fn entry(account: &str, key: Option<&str>, ore: i64) -> LedgerEntry {
    LedgerEntry {
        date: NaiveDate::from_ymd_opt(2022, 12, 31).unwrap(),
        opening: false,
        account: account.into(),
        budget_key: key.map(|k| BudgetKey::parse(k).unwrap()),
        amount: Ore(ore),
    }
}

#[test]
fn a_broken_invariant_stops_the_statements_with_asserted_calculated_difference_and_where_to_look() {
    let accounts: BTreeMap<String, crate::domain::ledger::Account> = [
        account("870", "grants", "note7.kommunar"),
        account(TREASURY_PAYMENTS_ACCOUNT, "treasury_out", ""),
    ]
    .into_iter()
    .collect();
    let budget_lines = vec![line("60", true)];
    let allocations = vec![allocation(2022, "60", 1_000)];
    let balanced = [
        entry("870", Some("0671.60"), 10_000),
        entry(TREASURY_PAYMENTS_ACCOUNT, None, -10_000),
    ];
    let input = |entries: &[LedgerEntry]| {
        build_statements(&StatementInput {
            year: 2022,
            accounts: &accounts,
            budget_lines: &budget_lines,
            allocations: &allocations,
            entries,
        })
    };
    let statements = input(&balanced).unwrap();
    assert_eq!(
        statements.appropriation.figure("expense", "accounts"),
        Some(Ore(10_000))
    );
    assert!(statements.invariants_checked.len() >= 10);
    // Each check names the report's own line, never an empty or a code.
    for check in &statements.invariants_checked {
        for (name, value) in &check.args {
            assert!(
                !value.is_empty() && !value.contains(['.', '_']),
                "{} {name}={value:?}",
                check.key
            );
        }
    }
    // A grant paid without its statskonto: the object accounts see it, the
    // appropriation statement does not.
    let broken = [
        entry("870", None, 10_000),
        entry(TREASURY_PAYMENTS_ACCOUNT, None, -10_000),
    ];
    let failure = input(&broken).unwrap_err();
    let message = failure.to_string();
    assert!(
        message.contains("asserted")
            && message.contains("calculated")
            && message.contains("difference"),
        "{message}"
    );
    assert!(message.contains("look at"), "{message}");
    assert_eq!(failure.difference.0.abs(), 10_000);
}
