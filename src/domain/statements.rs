//! The annual statements (årsrekneskap) built from the ledger: the
//! appropriation statement (løyvingsrapportering) with notes A and B, and the
//! object-account statement (artskontorapportering) with notes 2–8, the
//! balance with the treasury (mellomvære) and the capital accounts.
//!
//! Pure: accounts, budget lines, allocations and postings in; tables of
//! exact øre sums out. Every printed figure is its exact øre sum rounded half
//! away from zero ([`Ore::round_half_away_to_kroner`]); sums are never taken
//! of rounded lines. The named invariants are checked on every build.

use crate::domain::error::{Message, Reason};
use crate::domain::ledger::{
    counts_toward_balances, opening_base_year, Account, Allocation, BudgetKey, BudgetLine,
};
use crate::domain::money::Ore;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// A posting with what the statements need to know about its voucher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerEntry {
    pub date: NaiveDate,
    /// Carried by an opening-balance voucher (`IB-*`).
    pub opening: bool,
    pub account: String,
    pub budget_key: Option<BudgetKey>,
    pub amount: Ore,
}

/// Everything a year's statements are built from.
pub struct StatementInput<'a> {
    pub year: i32,
    pub accounts: &'a BTreeMap<String, Account>,
    pub budget_lines: &'a [BudgetLine],
    pub allocations: &'a [Allocation],
    pub entries: &'a [LedgerEntry],
}

/// A figure of a table: an exact amount, or nothing printed.
pub type Figure = Option<Ore>;

/// One table of the statements: CSV header and rows. Text cells and figures
/// are kept apart so that figures stay exact until they are printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The file name, as in the report fixture (`expected-appropriation.csv`).
    pub file_name: &'static str,
    pub text_columns: Vec<&'static str>,
    pub figure_columns: Vec<&'static str>,
    pub rows: Vec<(Vec<String>, Vec<Figure>)>,
}

impl Table {
    fn new(
        file_name: &'static str,
        text_columns: &[&'static str],
        figure_columns: &[&'static str],
    ) -> Table {
        Table {
            file_name,
            text_columns: text_columns.to_vec(),
            figure_columns: figure_columns.to_vec(),
            rows: Vec::new(),
        }
    }

    fn push(&mut self, text: &[&str], figures: &[Figure]) {
        self.rows.push((
            text.iter().map(|s| s.to_string()).collect(),
            figures.to_vec(),
        ));
    }

    /// The CSV text: figures in whole kroner, rounded half away from zero.
    pub fn to_csv(&self) -> String {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        let header: Vec<&str> = self
            .text_columns
            .iter()
            .chain(self.figure_columns.iter())
            .copied()
            .collect();
        writer.write_record(&header).expect("in memory");
        for (text, figures) in &self.rows {
            let mut record: Vec<String> = text.clone();
            record.extend(figures.iter().map(|f| {
                f.map(|o| o.round_half_away_to_kroner().to_string())
                    .unwrap_or_default()
            }));
            writer.write_record(&record).expect("in memory");
        }
        String::from_utf8(writer.into_inner().expect("in memory")).expect("UTF-8")
    }

    /// The figure of a row (found by its first text cell) and column.
    pub fn figure(&self, first_cell: &str, column: &str) -> Figure {
        let index = self.figure_columns.iter().position(|c| *c == column)?;
        self.rows
            .iter()
            .find(|(text, _)| text.first().map(String::as_str) == Some(first_cell))
            .and_then(|(_, f)| f[index])
    }
}

/// A named invariant that did not hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invariant '{name}' failed: asserted {asserted}, calculated {calculated}, difference {difference}; look at {hint}")]
pub struct InvariantFailure {
    pub name: String,
    /// The check as a person reads it (boxed: the failure is an error,
    /// and errors are passed by value).
    pub told: Box<Message>,
    pub asserted: Ore,
    pub calculated: Ore,
    pub difference: Ore,
    pub hint: String,
}

/// The nine tables of the statements of a year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statements {
    pub year: i32,
    pub appropriation: Table,
    pub note_a: Table,
    pub note_b: Table,
    pub capital: Table,
    pub holdings: Table,
    pub object_accounts: Table,
    pub notes: Table,
    pub treasury_balance: Table,
    pub note_8: Table,
    /// The invariants that were checked, as a person reads them.
    pub invariants_checked: Vec<Message>,
}

impl Statements {
    pub fn tables(&self) -> [&Table; 9] {
        [
            &self.appropriation,
            &self.note_a,
            &self.note_b,
            &self.capital,
            &self.holdings,
            &self.object_accounts,
            &self.notes,
            &self.treasury_balance,
            &self.note_8,
        ]
    }
}

/// The object-account statement's lines: (line, label, how it is computed).
/// The state's standard layout, with the report's Nynorsk labels.
const OBJECT_ACCOUNT_LINES: [(&str, &str); 22] = [
    ("income_operating.gebyr", "Innbetalingar frå gebyr"),
    (
        "income_operating.tilskot",
        "Innbetalingar frå tilskot og overføringar",
    ),
    ("income_operating.sal", "Sals- og leigeinnbetalingar"),
    ("income_operating.andre", "Andre innbetalingar"),
    ("income_operating.total", "Sum innbetalingar frå drift"),
    ("expense_operating.salary", "Utbetalingar til lønn"),
    ("expense_operating.other", "Andre utbetalingar til drift"),
    ("expense_operating.total", "Sum utbetalingar til drift"),
    ("operating.net", "Netto rapporterte driftsutgifter"),
    (
        "finance_income.total",
        "Sum investerings- og finansinntekter",
    ),
    ("investment.investments", "Utbetaling til investeringar"),
    ("investment.shares", "Utbetaling til kjøp av aksjar"),
    ("investment.finance_expense", "Utbetaling av finansutgifter"),
    ("investment.total", "Sum investerings- og finansutgifter"),
    (
        "investment.net",
        "Netto rapporterte investerings- og finansutgifter",
    ),
    (
        "collection.total",
        "Sum innkrevjingsverksemd og andre overføringar til staten",
    ),
    (
        "grants.total",
        "Sum tilskotsforvaltning og andre overføringar frå staten",
    ),
    (
        "common.1985",
        "Gruppelivsforsikring konto 1985 (ref. kap. 5309 inntekt)",
    ),
    (
        "common.1986",
        "Arbeidsgivaravgift konto 1986 (ref. kap. 5700 inntekt)",
    ),
    (
        "common.1987",
        "Nettoføringsordning for meirverdiavgift konto 1987 (ref. kap. 1633 utgift)",
    ),
    ("common.net", "Netto rapporterte utgifter på felleskapittel"),
    ("net", "Netto rapportert til løyvingsrekneskapen"),
];

/// The lines of notes 2–7 as the report prints them, zero or not: (note,
/// chart line or total, label). Note 7's lines come from `NOTE7_LINES`.
const NOTE_LINES: [(&str, &str, &str); 39] = [
    ("2", "note2.lonn", "Lønn"),
    ("2", "note2.aga", "Arbeidsgivaravgift"),
    ("2", "note2.pensjon", "Pensjonsutgifter"),
    ("2", "note2.refusjon", "Sjukepengar og andre refusjonar (–)"),
    ("2", "note2.andre", "Andre ytingar"),
    ("2", "note2.total", "Sum utbetalingar til lønn"),
    ("3", "note3.husleige", "Husleige"),
    (
        "3",
        "note3.vedlikehald_eigne",
        "Vedlikehald eigne bygg og anlegg",
    ),
    (
        "3",
        "note3.vedlikehald_leigde",
        "Vedlikehald og ombygging av leigde lokale",
    ),
    (
        "3",
        "note3.eigedom_andre",
        "Andre utgifter til drift av eigedom og lokale",
    ),
    (
        "3",
        "note3.reparasjon",
        "Reparasjon og vedlikehald av maskiner, utstyr osv.",
    ),
    ("3", "note3.utstyr", "Mindre utstyrsanskaffingar"),
    (
        "3",
        "note3.leige",
        "Leige av maskiner, inventar og liknande",
    ),
    ("3", "note3.konsulent", "Kjøp av konsulenttenester"),
    ("3", "note3.framande", "Kjøp av andre framande tenester"),
    ("3", "note3.reiser", "Reiser og diett"),
    ("3", "note3.andre", "Andre driftsutgifter"),
    ("3", "note3.total", "Sum andre utbetalingar til drift"),
    ("4", "note4.renteinntekt", "Renteinntekter"),
    ("4", "note4.valutagevinst", "Valutagevinst"),
    ("4", "note4.anna_inntekt", "Anna finansinntekt"),
    (
        "4",
        "note4.total_income",
        "Sum innbetaling av finansinntekter",
    ),
    ("4", "note4.renteutgift", "Renteutgifter"),
    ("4", "note4.valutatap", "Valutatap"),
    ("4", "note4.anna_utgift", "Anna finansutgift"),
    (
        "4",
        "note4.total_expense",
        "Sum utbetaling av finansutgifter",
    ),
    (
        "5",
        "note5.immaterielle",
        "Immaterielle eigedelar og liknande",
    ),
    (
        "5",
        "note5.bygningar",
        "Tomter, bygningar og annan fast eigedom",
    ),
    ("5", "note5.infrastruktur", "Infrastruktureigedelar"),
    ("5", "note5.maskiner", "Maskiner og transportmiddel"),
    (
        "5",
        "note5.inventar",
        "Driftslausøyre, inventar, verktøy og liknande",
    ),
    ("5", "note5.total", "Sum utbetaling til investeringar"),
    ("5", "note5.kapitalinnskot", "Kapitalinnskot"),
    ("5", "note5.obligasjonar", "Obligasjonar"),
    ("5", "note5.aksjar", "Investeringar i aksjar og andelar"),
    (
        "5",
        "note5.total_shares",
        "Sum utbetaling til kjøp av aksjar",
    ),
    (
        "6",
        "note6.tilfeldige",
        "Tilfeldige og andre inntekter (Statskonto 530929)",
    ),
    (
        "6",
        "note6.total",
        "Sum innkrevjingsverksemd og andre overføringar til staten",
    ),
    (
        "7",
        "note7.total",
        "Sum tilskotsforvaltning og andre overføringar frå staten",
    ),
];

/// Note 7's lines before its total, printed in the order of this list.
const NOTE7_LINES: [(&str, &str); 6] = [
    ("note7.kommunar", "Tilskot til kommunar"),
    ("note7.fylkeskommunar", "Tilskot til fylkeskommunar"),
    ("note7.foretak", "Tilskot til ikkje-finansielle føretak"),
    ("note7.hushald", "Tilskot til hushald"),
    ("note7.ideelle", "Tilskot til ideelle organisasjonar"),
    ("note7.statsforvaltninga", "Tilskot til Statsforvaltninga"),
];

/// The lines of the balance with the treasury.
const TREASURY_LINES: [(&str, &str); 9] = [
    ("mv.fordringar_tilsette", "Fordringar på tilsette"),
    ("mv.kontantar", "Kontantar"),
    (
        "mv.bank",
        "Bankkontoar med statlege midlar utanfor Noregs Bank",
    ),
    ("mv.skattetrekk", "Skuldig skattetrekk og andre trekk"),
    ("mv.offentlege_avgifter", "Skuldige offentlege avgifter"),
    (
        "mv.pensjonspremie",
        "Avsett pensjonspremie til Statens pensjonskasse",
    ),
    ("mv.forskot", "Mottekne forskotsbetalingar"),
    (
        "mv.lonn_negativ",
        "Lønn (negativ netto, for mykje utbetalt lønn m.m.)",
    ),
    (
        "mv.differansar",
        "Differansar på bank og uidentifiserte innbetalingar",
    ),
];

/// Note 8's parts in the report's order: (lines, total line, total label).
/// The report prints each part's sum as "Sum" under the part's heading.
type Note8Part = (
    &'static [(&'static str, &'static str)],
    &'static str,
    &'static str,
);
const NOTE8_PARTS: [Note8Part; 4] = [
    (
        &[
            ("n8.aksjar", "Investeringar i aksjar og andelar"),
            ("n8.obligasjonar", "Obligasjonar"),
        ],
        "n8.fixed_assets_total",
        "Sum finansielle anleggsmidlar",
    ),
    (
        &[
            ("n8.kundefordringar", "Kundefordringar"),
            ("n8.andre_fordringar", "Andre fordringar"),
            ("n8.bank", "Bankinnskot, kontantar og liknande"),
        ],
        "n8.current_assets_total",
        "Sum omløpsmidlar",
    ),
    (
        &[("n8.langsiktig", "Anna langsiktig gjeld")],
        "n8.long_term_liabilities_total",
        "Sum langsiktig gjeld",
    ),
    (
        &[
            ("n8.leverandorgjeld", "Leverandørgjeld"),
            ("n8.skattetrekk", "Skuldig skattetrekk"),
            ("n8.offentlege_avgifter", "Skuldige offentlege avgifter"),
            ("n8.anna_kortsiktig", "Anna kortsiktig gjeld"),
        ],
        "n8.current_liabilities_total",
        "Sum kortsiktig gjeld",
    ),
];

/// The treasury accounts (Noregs Bank konsernkonto) and the change in the
/// balance with the treasury, with the report's labels.
pub const TREASURY_RECEIPTS_ACCOUNT: &str = "60088701";
pub const TREASURY_PAYMENTS_ACCOUNT: &str = "60088702";
const CHANGE_IN_BALANCE_ACCOUNT: &str = "705005";

/// Account groups whose amounts are income, printed positive.
const INCOME_GROUPS: [&str; 3] = ["income_operating", "finance_income", "collection"];

/// Note B's share of an operating post's allocation that may move to next
/// year: 5 %.
pub const OPERATING_TRANSFER_PERCENT: i64 = 5;

/// Sums of one year: per account, per budget line, per chart line, per group.
#[derive(Default)]
struct YearSums {
    by_account: BTreeMap<String, Ore>,
    by_budget_line: BTreeMap<BudgetKey, Ore>,
    by_line: BTreeMap<String, Ore>,
    by_group: BTreeMap<String, Ore>,
    any: bool,
}

impl YearSums {
    fn of(entries: &[LedgerEntry], accounts: &BTreeMap<String, Account>, year: i32) -> YearSums {
        let mut sums = YearSums::default();
        for entry in entries
            .iter()
            .filter(|e| !e.opening && e.date.year() == year)
        {
            sums.any = true;
            *sums.by_account.entry(entry.account.clone()).or_default() += entry.amount;
            if let Some(key) = &entry.budget_key {
                *sums.by_budget_line.entry(key.clone()).or_default() += entry.amount;
            }
            if let Some(account) = accounts.get(&entry.account) {
                *sums.by_line.entry(account.line.clone()).or_default() += entry.amount;
                *sums.by_group.entry(account.group.clone()).or_default() += entry.amount;
            }
        }
        sums
    }

    fn line(&self, line: &str) -> Ore {
        self.by_line.get(line).copied().unwrap_or_default()
    }

    fn group(&self, group: &str) -> Ore {
        self.by_group.get(group).copied().unwrap_or_default()
    }
}

/// Balances of the balance accounts at the start and end of the year.
struct Balances {
    opening: BTreeMap<String, Ore>,
    closing: BTreeMap<String, Ore>,
}

impl Balances {
    /// A year's balances start from its own opening-balance voucher
    /// (`IB-<year>`), which repeats the year before's closing balances, so
    /// they are never added twice. Without one, from the latest earlier
    /// opening voucher and the postings since; without any, from the first
    /// posting.
    fn of(entries: &[LedgerEntry], year: i32) -> Balances {
        let base = opening_base_year(
            year,
            entries.iter().filter(|e| e.opening).map(|e| e.date.year()),
        );
        let mut opening: BTreeMap<String, Ore> = BTreeMap::new();
        let mut closing: BTreeMap<String, Ore> = BTreeMap::new();
        for entry in entries {
            let posted = entry.date.year();
            if !counts_toward_balances(year, base, entry.opening, posted) {
                continue;
            }
            if entry.opening || posted < year {
                *opening.entry(entry.account.clone()).or_default() += entry.amount;
            }
            *closing.entry(entry.account.clone()).or_default() += entry.amount;
        }
        Balances { opening, closing }
    }

    fn sum(
        map: &BTreeMap<String, Ore>,
        accounts: &BTreeMap<String, Account>,
        keep: impl Fn(&Account) -> bool,
    ) -> Ore {
        map.iter()
            .filter(|(a, _)| {
                accounts
                    .get(*a)
                    .is_some_and(|account| account.group == "balance" && keep(account))
            })
            .map(|(_, amount)| *amount)
            .sum()
    }
}

/// What every table of the statements is built from: the input, the sums of
/// the year and the year before, and the opening and closing balances.
struct Sources<'a> {
    input: &'a StatementInput<'a>,
    this: YearSums,
    last: YearSums,
    balances: Balances,
}

/// Builds the statements of a year and checks their invariants.
pub fn build_statements(input: &StatementInput) -> Result<Statements, InvariantFailure> {
    let year = input.year;
    let sources = Sources {
        input,
        this: YearSums::of(input.entries, input.accounts, year),
        last: YearSums::of(input.entries, input.accounts, year - 1),
        balances: Balances::of(input.entries, year),
    };
    let mut invariants = Invariants::default();
    let (appropriation, note_a, note_b, net_appropriation) =
        appropriation_tables(&sources, &mut invariants);
    let (capital, holdings, opening_mv, closing_mv) =
        capital_tables(&sources, &mut invariants, net_appropriation);
    let (object_accounts, notes) =
        object_account_tables(&sources, &mut invariants, net_appropriation);
    let (treasury_balance, note_8) =
        treasury_tables(&sources, &mut invariants, opening_mv, closing_mv);
    invariants.result()?;
    Ok(Statements {
        year,
        appropriation,
        note_a,
        note_b,
        capital,
        holdings,
        object_accounts,
        notes,
        treasury_balance,
        note_8,
        invariants_checked: invariants.told,
    })
}

/// The appropriation statement and notes A and B, and the net reported.
fn appropriation_tables(s: &Sources, invariants: &mut Invariants) -> (Table, Table, Table, Ore) {
    let (input, this) = (s.input, &s.this);
    let year = input.year;
    let allocation = |y: i32, key: &BudgetKey| {
        input
            .allocations
            .iter()
            .find(|a| a.year == y && &a.key == key)
    };

    // Appropriation statement and notes A and B.
    let mut appropriation = Table::new(
        "appropriation.csv",
        &["kind", "chapter", "post"],
        &["allocated", "accounts", "difference"],
    );
    let mut note_a = Table::new(
        "note-a.csv",
        &["chapter", "post"],
        &["transferred", "allocated", "total"],
    );
    let mut note_b = Table::new(
        "note-b.csv",
        &["chapter", "post", "keyword"],
        &[
            "difference",
            "charged_by_others",
            "difference_after_charges",
            "extra_income",
            "reallocation",
            "savings",
            "basis",
            "max_transferable",
            "transferable",
        ],
    );
    let mut totals: BTreeMap<bool, (Ore, Ore)> = BTreeMap::new();
    for income in [false, true] {
        for line in input.budget_lines.iter().filter(|l| l.income == income) {
            let posted = this
                .by_budget_line
                .get(&line.key)
                .copied()
                .unwrap_or_default();
            let accounts = if income { -posted } else { posted };
            let alloc = allocation(year, &line.key);
            let total_allocation = alloc
                .map(|a| a.transferred + a.allocated)
                .unwrap_or_default();
            let difference = alloc.map(|_| total_allocation - accounts);
            let entry = totals.entry(income).or_default();
            entry.0 += total_allocation;
            entry.1 += accounts;
            let kind = if income { "income" } else { "expense" };
            appropriation.push(
                &[kind, &line.key.chapter, &line.key.post],
                &[Some(total_allocation), Some(accounts), difference],
            );
            if let Some(a) = alloc.filter(|_| line.notes.contains("A")) {
                let total = a.transferred + a.allocated;
                invariants.check(
                    "Note A total = transferred + allocated",
                    Message::new("statement-check-note-a"),
                    total,
                    a.transferred + a.allocated,
                    &format!("note A, {}", line.key),
                );
                note_a.push(
                    &[&line.key.chapter, &line.key.post],
                    &[Some(a.transferred), Some(a.allocated), Some(total)],
                );
            }
            if let (Some(a), true) = (alloc, line.notes.contains("B")) {
                let basis = total_allocation - accounts;
                let max = max_transferable(line, a, allocation(year - 1, &line.key));
                let transferable = possible_transfer(basis, max);
                if let Some(max) = max {
                    invariants.check_le(
                        "Note B possible transfer ≤ maximum",
                        Message::new("statement-check-note-b-maximum"),
                        transferable,
                        max,
                        &format!("note B, {}", line.key),
                    );
                }
                invariants.check_le(
                    "Note B possible transfer ≤ basis or 0",
                    Message::new("statement-check-note-b-basis"),
                    transferable,
                    basis.max(Ore::ZERO),
                    &format!("note B, {}", line.key),
                );
                invariants.check_le(
                    "Note B possible transfer ≥ 0",
                    Message::new("statement-check-note-b-positive"),
                    Ore::ZERO,
                    transferable,
                    &format!("note B, {}", line.key),
                );
                push_note_b_row(&mut note_b, line, basis, max, transferable);
            }
        }
        let (allocated, accounts) = totals.get(&income).copied().unwrap_or_default();
        let kind = if income {
            "income_total"
        } else {
            "expense_total"
        };
        appropriation.push(&[kind, "", ""], &[Some(allocated), Some(accounts), None]);
    }
    let (_, expenses) = totals[&false];
    let (_, income) = totals.get(&true).copied().unwrap_or_default();
    let net_appropriation = expenses - income;
    appropriation.push(&["net", "", ""], &[None, Some(net_appropriation), None]);
    (appropriation, note_a, note_b, net_appropriation)
}

/// A row of note B: the basis for transfer, the maximum and what can be
/// transferred; the columns for other agencies' charges, extra income,
/// reallocations and savings are empty, as the directorate has none.
fn push_note_b_row(
    note_b: &mut Table,
    line: &BudgetLine,
    basis: Ore,
    max: Option<Ore>,
    transferable: Ore,
) {
    let keyword = if line.transferable {
        "kan overførast"
    } else {
        ""
    };
    note_b.push(
        &[&line.key.chapter, &line.key.post, keyword],
        &[
            Some(basis),
            None,
            Some(basis),
            None,
            None,
            None,
            Some(basis),
            max,
            Some(transferable),
        ],
    );
}

/// The capital accounts and holdings; returns them with the opening and
/// closing balance with the treasury.
fn capital_tables(
    s: &Sources,
    invariants: &mut Invariants,
    net_appropriation: Ore,
) -> (Table, Table, Ore, Ore) {
    let (input, this, balances) = (s.input, &s.this, &s.balances);
    // Capital accounts and holdings.
    let treasury_reported = |a: &Account| a.treasury_line().is_some();
    let opening_mv = Balances::sum(&balances.opening, input.accounts, treasury_reported);
    let closing_mv = Balances::sum(&balances.closing, input.accounts, treasury_reported);
    let change_mv = closing_mv - opening_mv;
    let receipts = this
        .by_account
        .get(TREASURY_RECEIPTS_ACCOUNT)
        .copied()
        .unwrap_or_default();
    let payments = this
        .by_account
        .get(TREASURY_PAYMENTS_ACCOUNT)
        .copied()
        .unwrap_or_default();
    let mut capital = Table::new("capital.csv", &["account", "name"], &["amount"]);
    capital.push(
        &[TREASURY_RECEIPTS_ACCOUNT, "Noregs Bank KK /innbetalingar"],
        &[Some(receipts)],
    );
    capital.push(
        &[TREASURY_PAYMENTS_ACCOUNT, "Noregs Bank KK/utbetalingar"],
        &[Some(payments)],
    );
    capital.push(
        &[
            CHANGE_IN_BALANCE_ACCOUNT,
            "Endring i mellomvære med statskassa",
        ],
        &[Some(change_mv)],
    );
    let capital_total = net_appropriation + receipts + payments + change_mv;
    capital.push(&["total", "Sum rapportert"], &[Some(capital_total)]);
    invariants.check(
        "net reported + treasury receipts + treasury payments + change in the balance with the treasury = 0",
        Message::new("statement-check-capital"),
        Ore::ZERO,
        capital_total,
        "the capital accounts: a posting on a treasury account without its statskonto counterpart, or a balance movement not posted against the treasury",
    );
    let mut holdings = Table::new(
        "holdings.csv",
        &["account", "name"],
        &["closing", "opening", "change"],
    );
    holdings.push(
        &[CHANGE_IN_BALANCE_ACCOUNT, "Mellomvære med statskassa"],
        &[Some(closing_mv), Some(opening_mv), Some(change_mv)],
    );
    (capital, holdings, opening_mv, closing_mv)
}

/// The object-account statement and notes 2–7.
fn object_account_tables(
    s: &Sources,
    invariants: &mut Invariants,
    net_appropriation: Ore,
) -> (Table, Table) {
    let (input, this, last) = (s.input, &s.this, &s.last);
    let previous = |amount: Ore| last.any.then_some(amount);
    // Object-account statement and its notes.
    let object = object_account_figures(this);
    let object_last = object_account_figures(last);
    let mut object_accounts = Table::new(
        "object-accounts.csv",
        &["line", "label"],
        &["amount", "previous"],
    );
    for (line, label) in OBJECT_ACCOUNT_LINES.iter() {
        object_accounts.push(
            &[line, label],
            &[Some(object[*line]), previous(object_last[*line])],
        );
    }
    invariants.check(
        "net reported is the same in both statements",
        Message::new("statement-check-net"),
        net_appropriation,
        object["net"],
        "postings with a statskonto on an account outside the object-account groups, or the reverse",
    );

    let mut notes = Table::new(
        "notes.csv",
        &["note", "line", "label"],
        &["amount", "previous"],
    );
    // Income groups are printed positive.
    let line_sign: BTreeMap<&str, i64> = input
        .accounts
        .values()
        .map(|a| {
            (
                a.line.as_str(),
                if INCOME_GROUPS.contains(&a.group.as_str()) {
                    -1
                } else {
                    1
                },
            )
        })
        .collect();
    let note_figure = |sums: &YearSums, line: &str| -> Ore {
        match line {
            "note2.total" => sums.group("salary"),
            "note3.total" => sums.group("other_operating"),
            "note4.total_income" => -sums.group("finance_income"),
            "note4.total_expense" => sums.group("finance_expense"),
            "note5.total" => sums.group("investment"),
            "note5.total_shares" => sums.group("shares"),
            "note6.total" => -sums.group("collection"),
            "note7.total" => sums.group("grants"),
            l => Ore(sums.line(l).0 * line_sign.get(l).copied().unwrap_or(1)),
        }
    };
    for (note, line, label) in NOTE_LINES.iter() {
        if *line == "note7.total" {
            for (line7, label7) in NOTE7_LINES {
                notes.push(
                    &["7", line7, label7],
                    &[
                        Some(note_figure(this, line7)),
                        previous(note_figure(last, line7)),
                    ],
                );
            }
        }
        let amount = note_figure(this, line);
        let before = note_figure(last, line);
        notes.push(&[note, line, label], &[Some(amount), previous(before)]);
    }
    for (statement_line, note_total, hint) in [
        ("expense_operating.salary", "note2.total", "note 2"),
        ("expense_operating.other", "note3.total", "note 3"),
        (
            "investment.finance_expense",
            "note4.total_expense",
            "note 4",
        ),
        ("finance_income.total", "note4.total_income", "note 4"),
        ("investment.investments", "note5.total", "note 5"),
        ("investment.shares", "note5.total_shares", "note 5"),
        ("collection.total", "note6.total", "note 6"),
        ("grants.total", "note7.total", "note 7"),
    ] {
        invariants.check(
            &format!("{statement_line} equals the sum of {hint}"),
            Message::new("statement-check-line-note")
                .arg("line", object_account_label(statement_line))
                .arg("note", hint),
            object[statement_line],
            note_figure(this, note_total),
            hint,
        );
    }
    for (total, parts) in note_parts() {
        let sum: Ore = parts.iter().map(|l| note_figure(this, l)).sum();
        invariants.check(
            &format!("{total} equals the sum of its lines"),
            Message::new("statement-check-note-total").arg("total", note_label(total)),
            note_figure(this, total),
            sum,
            "chart.csv: an account of the note's group with a line outside the note",
        );
    }
    let note7_sum: Ore = NOTE7_LINES.iter().map(|(l, _)| note_figure(this, l)).sum();
    invariants.check(
        "note 7 total equals the sum of its lines",
        Message::new("statement-check-note-total").arg("total", note_label("note7.total")),
        note_figure(this, "note7.total"),
        note7_sum,
        "note 7: a grant account outside its lines",
    );
    (object_accounts, notes)
}

/// The lines of the layout an account of `group` may have in the chart:
/// every line of its note (or statement) that is not a total. A balance
/// account names `treasury-line|note8-line`, either part empty when the
/// account is not in that table; the settlement and treasury accounts have
/// no line.
pub fn check_chart_line(group: &str, line: &str) -> Result<(), Reason> {
    let note_lines = |note: &str, keep: &dyn Fn(&str) -> bool| -> Vec<&'static str> {
        NOTE_LINES
            .iter()
            .filter(|(n, l, _)| *n == note && !l.contains(".total") && keep(l))
            .map(|(_, l, _)| *l)
            .collect()
    };
    let finance_income = [
        "note4.renteinntekt",
        "note4.valutagevinst",
        "note4.anna_inntekt",
    ];
    let shares = ["note5.kapitalinnskot", "note5.obligasjonar", "note5.aksjar"];
    let known: Vec<&str> = match group {
        "income_operating" => vec!["note1.gebyr", "note1.tilskot", "note1.sal", "note1.andre"],
        "salary" => note_lines("2", &|_| true),
        "other_operating" => note_lines("3", &|_| true),
        "finance_income" => finance_income.to_vec(),
        "finance_expense" => note_lines("4", &|l| !finance_income.contains(&l)),
        "investment" => note_lines("5", &|l| !shares.contains(&l)),
        "shares" => shares.to_vec(),
        "collection" => note_lines("6", &|_| true),
        "grants" => NOTE7_LINES.iter().map(|(l, _)| *l).collect(),
        "common_group_life" => vec!["common.1985"],
        "common_employer_tax" => vec!["common.1986"],
        "common_vat" => vec!["common.1987"],
        "balance" => return check_balance_line(line),
        _ => vec![""],
    };
    if known.contains(&line) {
        return Ok(());
    }
    let (key, expected) = if known == [""] {
        ("problem-chart-line-none", "no line".to_string())
    } else {
        ("problem-chart-line-unknown", known.join(", "))
    };
    let message = Message::new(key)
        .arg("line", line)
        .arg("group", group)
        .arg("known", &expected);
    Err(Reason::told(
        message,
        format!("the statements have no line '{line}' for an account of the group {group} (known: {expected})"),
    ))
}

/// A balance account's `treasury-line|note8-line`.
fn check_balance_line(line: &str) -> Result<(), Reason> {
    let (treasury, note8) = line.split_once('|').ok_or_else(|| {
        Reason::told(
            Message::new("problem-balance-line"),
            "a balance account's line is 'treasury-line|note8-line'",
        )
    })?;
    let treasury_known = treasury.is_empty() || TREASURY_LINES.iter().any(|(l, _)| *l == treasury);
    let note8_known = note8.is_empty()
        || NOTE8_PARTS
            .iter()
            .any(|(lines, _, _)| lines.iter().any(|(l, _)| *l == note8));
    match (treasury_known, note8_known) {
        (true, true) => Ok(()),
        (false, _) => Err(Reason::told(
            Message::new("problem-treasury-line").arg("line", treasury),
            format!("the balance with the treasury has no line '{treasury}'"),
        )),
        (_, false) => Err(Reason::told(
            Message::new("problem-note8-line").arg("line", note8),
            format!("note 8 has no line '{note8}'"),
        )),
    }
}

/// Each total of notes 2–6 with the lines it sums: the lines printed
/// before it in its note since the note's previous total.
/// The report's label of a line of the object-account statement.
fn object_account_label(line: &str) -> &'static str {
    OBJECT_ACCOUNT_LINES
        .iter()
        .find(|(code, _)| *code == line)
        .map_or("", |(_, label)| label)
}

/// The report's label of a line of notes 2–7.
fn note_label(line: &str) -> &'static str {
    NOTE_LINES
        .iter()
        .find(|(_, code, _)| *code == line)
        .map_or("", |(_, _, label)| label)
}

fn note_parts() -> Vec<(&'static str, Vec<&'static str>)> {
    let mut parts = Vec::new();
    let mut lines: Vec<&'static str> = Vec::new();
    let mut note = "";
    for (this_note, line, _) in NOTE_LINES {
        if this_note != note {
            lines.clear();
            note = this_note;
        }
        if line.contains(".total") {
            parts.push((line, std::mem::take(&mut lines)));
        } else {
            lines.push(line);
        }
    }
    parts.retain(|(total, _)| *total != "note7.total");
    parts
}

/// The balance with the treasury and note 8.
fn treasury_tables(
    s: &Sources,
    invariants: &mut Invariants,
    opening_mv: Ore,
    closing_mv: Ore,
) -> (Table, Table) {
    let (input, balances) = (s.input, &s.balances);
    // Balance with the treasury and note 8.
    let mut treasury_balance = Table::new(
        "treasury-balance.csv",
        &["line", "label"],
        &["amount", "previous"],
    );
    let treasury_line_of = |map: &BTreeMap<String, Ore>, line: &str| {
        Balances::sum(map, input.accounts, |a| a.treasury_line() == Some(line))
    };
    for (line, label) in TREASURY_LINES {
        treasury_balance.push(
            &[line, label],
            &[
                Some(treasury_line_of(&balances.closing, line)),
                Some(treasury_line_of(&balances.opening, line)),
            ],
        );
    }
    treasury_balance.push(
        &["mv.total", "Sum mellomvære med statskassa"],
        &[Some(closing_mv), Some(opening_mv)],
    );
    let lines_sum: Ore = TREASURY_LINES
        .iter()
        .map(|(l, _)| treasury_line_of(&balances.closing, l))
        .sum();
    invariants.check(
        "the balance with the treasury equals the sum of its lines",
        Message::new("statement-check-treasury-lines"),
        closing_mv,
        lines_sum,
        "chart.csv: a reported balance account with a line outside the layout",
    );

    let mut note_8 = Table::new(
        "note-8.csv",
        &["line", "label"],
        &["booked", "reported", "difference"],
    );
    let note8 = |line: &str| {
        let booked = Balances::sum(&balances.closing, input.accounts, |a| {
            a.note8_line() == Some(line)
        });
        let reported = Balances::sum(&balances.closing, input.accounts, |a| {
            a.note8_line() == Some(line) && a.treasury_line().is_some()
        });
        (booked, reported)
    };
    let mut grand = (Ore::ZERO, Ore::ZERO);
    for (group, total_line, total_label) in NOTE8_PARTS {
        let mut sum = (Ore::ZERO, Ore::ZERO);
        for (line, label) in group.iter() {
            let (booked, reported) = note8(line);
            note_8.push(
                &[line, label],
                &[Some(booked), Some(reported), Some(booked - reported)],
            );
            sum = (sum.0 + booked, sum.1 + reported);
        }
        note_8.push(
            &[total_line, total_label],
            &[Some(sum.0), Some(sum.1), Some(sum.0 - sum.1)],
        );
        grand = (grand.0 + sum.0, grand.1 + sum.1);
    }
    note_8.push(
        &["n8.total", "Sum"],
        &[Some(grand.0), Some(grand.1), Some(grand.0 - grand.1)],
    );
    invariants.check(
        "note 8's reported total equals the balance with the treasury",
        Message::new("statement-check-note-8"),
        closing_mv,
        grand.1,
        "chart.csv: note 8 lines of the accounts reported to the treasury",
    );
    (treasury_balance, note_8)
}

/// The figures of the object-account statement, from the sums of a year.
/// Income lines are shown positive; the common chapters' income accounts
/// (1985, 1986) are shown positive and deducted in their net.
fn object_account_figures(sums: &YearSums) -> BTreeMap<&'static str, Ore> {
    let mut f: BTreeMap<&'static str, Ore> = BTreeMap::new();
    for part in ["gebyr", "tilskot", "sal", "andre"] {
        let line: &'static str = match part {
            "gebyr" => "income_operating.gebyr",
            "tilskot" => "income_operating.tilskot",
            "sal" => "income_operating.sal",
            _ => "income_operating.andre",
        };
        f.insert(line, -sums.line(&format!("note1.{part}")));
    }
    let income_operating = -sums.group("income_operating");
    f.insert("income_operating.total", income_operating);
    f.insert("expense_operating.salary", sums.group("salary"));
    f.insert("expense_operating.other", sums.group("other_operating"));
    let expense_operating = sums.group("salary") + sums.group("other_operating");
    f.insert("expense_operating.total", expense_operating);
    f.insert("operating.net", expense_operating - income_operating);
    let finance_income = -sums.group("finance_income");
    f.insert("finance_income.total", finance_income);
    f.insert("investment.investments", sums.group("investment"));
    f.insert("investment.shares", sums.group("shares"));
    f.insert("investment.finance_expense", sums.group("finance_expense"));
    let investment =
        sums.group("investment") + sums.group("shares") + sums.group("finance_expense");
    f.insert("investment.total", investment);
    f.insert("investment.net", investment - finance_income);
    let collection = -sums.group("collection");
    f.insert("collection.total", collection);
    f.insert("grants.total", sums.group("grants"));
    f.insert("common.1985", -sums.group("common_group_life"));
    f.insert("common.1986", -sums.group("common_employer_tax"));
    f.insert("common.1987", sums.group("common_vat"));
    let common = sums.group("common_group_life")
        + sums.group("common_employer_tax")
        + sums.group("common_vat");
    f.insert("common.net", common);
    f.insert(
        "net",
        (expense_operating - income_operating) + (investment - finance_income) - collection
            + sums.group("grants")
            + common,
    );
    f
}

/// Note B's maximum: for a post marked "kan overførast", this year's and
/// last year's allocation; for an operating post (01–29 except 24), 5 % of
/// this year's allocation; otherwise none.
pub fn max_transferable(
    line: &BudgetLine,
    this_year: &Allocation,
    last_year: Option<&Allocation>,
) -> Option<Ore> {
    if line.transferable {
        Some(this_year.allocated + last_year.map(|a| a.allocated).unwrap_or_default())
    } else if is_operating_post(&line.key) {
        Some(Ore(this_year.allocated.0 * OPERATING_TRANSFER_PERCENT / 100))
    } else {
        None
    }
}

/// Operating posts are 01–29, except 24 (driftsresultat).
pub fn is_operating_post(key: &BudgetKey) -> bool {
    let post = key.post_number();
    (1..=29).contains(&post) && post != 24
}

/// Note B's possible transfer: the basis, capped at the maximum, and 0 when
/// the basis is negative.
pub fn possible_transfer(basis: Ore, max: Option<Ore>) -> Ore {
    let capped = match max {
        Some(max) => basis.min(max),
        None => Ore::ZERO,
    };
    capped.max(Ore::ZERO)
}

/// Collects invariant checks; the first failure is reported.
#[derive(Default)]
struct Invariants {
    /// The English names of the checks made, for the failures and the log.
    names: Vec<String>,
    /// The same checks as a person reads them.
    told: Vec<Message>,
    failures: Vec<InvariantFailure>,
}

impl Invariants {
    /// Records a check by its English name and its message, once.
    fn record(&mut self, name: &str, told: Message) {
        if !self.names.iter().any(|n| n == name) {
            self.names.push(name.to_string());
            self.told.push(told);
        }
    }

    fn check(&mut self, name: &str, told: Message, asserted: Ore, calculated: Ore, hint: &str) {
        self.record(name, told.clone());
        if asserted != calculated {
            self.failures.push(InvariantFailure {
                name: name.to_string(),
                told: Box::new(told),
                asserted,
                calculated,
                difference: asserted - calculated,
                hint: hint.to_string(),
            });
        }
    }

    /// `low ≤ high`, reported as a failure with the excess as difference.
    fn check_le(&mut self, name: &str, told: Message, low: Ore, high: Ore, hint: &str) {
        self.record(name, told.clone());
        if low > high {
            self.failures.push(InvariantFailure {
                name: name.to_string(),
                told: Box::new(told),
                asserted: low,
                calculated: high,
                difference: low - high,
                hint: hint.to_string(),
            });
        }
    }

    fn result(&self) -> Result<(), InvariantFailure> {
        match self.failures.first() {
            Some(failure) => Err(failure.clone()),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
#[path = "statements_tests.rs"]
mod tests;
