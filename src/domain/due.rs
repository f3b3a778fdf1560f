//! What is due per batch line, accrued straight into the line sums.
//!
//! A term's batch needs, per municipality, grant and person, the sum of the
//! accruals of its months, and the rates those accruals used. Listing every
//! accrual first (2.6 million at ten times the report's volume) and summing
//! them afterwards took most of a term's run; here each person's accruals
//! are computed into a small scratch list, summed into the lines and
//! forgotten. The result is the same as [`crate::domain::payout::plan_batch`]
//! over [`crate::domain::accrual::compute_accruals`] (a test compares them).

use crate::domain::accrual::{
    accrue_person, base_grant_rate, map_in_parts, parts_for, Accrual, PersonAccrual, Window,
};
use crate::domain::calendar::Period;
use crate::domain::grant::Grant;
use crate::domain::money::Ore;
use crate::domain::municipality::MunicipalityNumber;
use crate::domain::payout::LineKey;
use crate::domain::register::{Person, Register};
use crate::domain::rules::{MissingYear, RateKey, RuleBook};
use rustc_hash::FxHashMap;
use smol_str::SmolStr;
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// What is due for a term's batch before what was paid is taken off.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DueLines {
    /// The sum per municipality, grant and person of the accruals in the
    /// batch's months, in key order; sums of zero are kept.
    pub due: Vec<(LineKey, Ore)>,
    /// Every grant, year and rate an accrual of `start..=through` used
    /// (`through` the latest term), for the weakest rate status.
    pub rates_used: BTreeSet<(Grant, i32, RateKey)>,
    /// How many accruals were summed.
    pub accruals: usize,
}

/// The lines due for the grants with a term in `terms` (each through its
/// month), from `start`: the register's accruals and the `extra` ones (the
/// disability grant's decisions), summed per line.
pub fn due_by_line(
    register: &Register,
    rules: &RuleBook,
    start: Period,
    terms: &BTreeMap<Grant, Period>,
    extra: &[Accrual],
) -> Result<DueLines, MissingYear> {
    let Some(scope) = Scope::new(start, terms) else {
        return Ok(DueLines::default());
    };
    // R13 counts the persons of a whole calendar year, as compute_accruals does.
    let first = Period::new(start.year, 1).expect("January");
    let window = Window::new(rules, first, scope.through)?;
    let mut parts = sum_persons(&register.persons, &window, &scope);
    let mut tail = PartSums::default();
    for accrual in extra {
        tail.add(accrual, &scope);
    }
    tail.flush();
    tail.add_base_grants(&parts, &window, &scope);
    parts.push(tail);
    Ok(join_parts(parts))
}

/// The months and grants a batch sums.
struct Scope {
    start: Period,
    /// The latest term.
    through: Period,
    /// Per grant (by its position in [`Grant::ALL`]), the month its term
    /// runs through, if it has one: looked up for every accrual.
    term_of: [Option<Period>; Grant::ALL.len()],
}

impl Scope {
    /// The months from `start` through each grant's term in `terms`; none
    /// when no grant has a term.
    fn new(start: Period, terms: &BTreeMap<Grant, Period>) -> Option<Scope> {
        let through = *terms.values().max()?;
        let mut term_of = [None; Grant::ALL.len()];
        for (grant, term) in terms {
            term_of[*grant as usize] = Some(*term);
        }
        Some(Scope {
            start,
            through,
            term_of,
        })
    }

    /// Whether a month is one whose rates count.
    fn in_months(&self, period: Period) -> bool {
        period >= self.start && period <= self.through
    }

    /// Whether an accrual of `grant` in `period` belongs to a line of the batch.
    fn in_batch(&self, grant: Grant, period: Period) -> bool {
        self.term_of[grant as usize].is_some_and(|term| period >= self.start && period <= term)
    }
}

/// The sums of every person, one part per core, in the register's order.
fn sum_persons(persons: &[Person], window: &Window, scope: &Scope) -> Vec<PartSums> {
    map_in_parts(persons, parts_for(persons), |part| {
        let mut sums = PartSums::default();
        let mut scratch = Vec::new();
        for person in part {
            scratch.clear();
            accrue_person(person, window, &mut scratch);
            sums.add_person(&person.id, &scratch, scope);
        }
        sums.flush();
        sums
    })
}

/// A run of accruals of the same line being summed.
type Run = (MunicipalityNumber, Grant, Option<SmolStr>, Ore);

/// A person's sum on a line (no person for the base grant).
type PersonSum = (Option<SmolStr>, Ore);

/// Lines are kept per municipality number (four digits) and grant.
const SLOTS: usize = 10_000 * Grant::ALL.len();

/// The slot of a municipality and grant: slots in key order.
fn slot(municipality: MunicipalityNumber, grant: Grant) -> usize {
    usize::from(municipality.as_u16()) * Grant::ALL.len() + grant as usize
}

/// The sums of one part of the register.
struct PartSums {
    /// Per municipality and grant (by [`slot`]), the persons' sums in the
    /// order they came.
    lines: Vec<Vec<PersonSum>>,
    rates_used: HashSet<(Grant, i32, RateKey)>,
    /// Per grant, the year and rate last added to `rates_used`: most
    /// accruals repeat their grant's last, which saves a hash.
    last_rate: [Option<(i32, RateKey)>; Grant::ALL.len()],
    /// R13: per year and municipality, the persons with a Norwegian accrual.
    norwegian_persons: FxHashMap<(i32, MunicipalityNumber), usize>,
    accruals: usize,
    run: Option<Run>,
}

impl Default for PartSums {
    fn default() -> Self {
        PartSums {
            lines: vec![Vec::new(); SLOTS],
            rates_used: HashSet::new(),
            last_rate: [None; Grant::ALL.len()],
            norwegian_persons: FxHashMap::default(),
            accruals: 0,
            run: None,
        }
    }
}

impl PartSums {
    /// Adds one person's accruals (of the whole window). A person's lines
    /// are the runs of the same municipality and grant among them: the
    /// person's id is cloned once per line, not per accrual.
    fn add_person(&mut self, person_id: &SmolStr, accruals: &[PersonAccrual], scope: &Scope) {
        let mut counted: Vec<(i32, MunicipalityNumber)> = Vec::new();
        let mut run: Option<(MunicipalityNumber, Grant, Ore)> = None;
        for accrual in accruals {
            let (municipality, grant, period) =
                (accrual.municipality, accrual.grant, accrual.period);
            if grant == Grant::Norwegian {
                let place = (period.year, municipality);
                if !counted.contains(&place) {
                    counted.push(place);
                    *self.norwegian_persons.entry(place).or_default() += 1;
                }
            }
            self.note_rate(grant, period, accrual.rate, scope);
            if !scope.in_batch(grant, period) {
                continue;
            }
            match &mut run {
                Some((m, g, sum)) if *m == municipality && *g == grant => *sum += accrual.amount,
                _ => {
                    if let Some((m, g, sum)) = run.replace((municipality, grant, accrual.amount)) {
                        self.push((m, g, Some(person_id.clone()), sum));
                    }
                }
            }
        }
        if let Some((m, g, sum)) = run {
            self.push((m, g, Some(person_id.clone()), sum));
        }
    }

    /// Counts an accrual in the months and notes its rate.
    fn note_rate(&mut self, grant: Grant, period: Period, rate: RateKey, scope: &Scope) {
        if !scope.in_months(period) {
            return;
        }
        self.accruals += 1;
        let noted = Some((period.year, rate));
        let last = &mut self.last_rate[grant as usize];
        if *last != noted {
            *last = noted;
            self.rates_used.insert((grant, period.year, rate));
        }
    }

    /// Adds one listed accrual (a decision's or a base grant): its rate if
    /// it lies in the months, its amount to its line if the line is in the
    /// batch.
    fn add(&mut self, accrual: &Accrual, scope: &Scope) {
        self.note_rate(accrual.grant, accrual.period, accrual.rate, scope);
        if !scope.in_batch(accrual.grant, accrual.period) {
            return;
        }
        if let Some((municipality, grant, person, sum)) = &mut self.run {
            if *municipality == accrual.municipality
                && *grant == accrual.grant
                && *person == accrual.person_id
            {
                *sum += accrual.amount;
                return;
            }
        }
        let run = (
            accrual.municipality,
            accrual.grant,
            accrual.person_id.clone(),
            accrual.amount,
        );
        if let Some(done) = self.run.replace(run) {
            self.push(done);
        }
    }

    /// Ends the run being summed.
    fn flush(&mut self) {
        if let Some(done) = self.run.take() {
            self.push(done);
        }
    }

    /// How many runs were summed into the lines.
    fn runs(&self) -> usize {
        self.lines.iter().map(Vec::len).sum()
    }

    fn push(&mut self, (municipality, grant, person, sum): Run) {
        self.lines[slot(municipality, grant)].push((person, sum));
    }

    /// R13: the base grant of every municipality and year in the window,
    /// by the persons the `parts` counted.
    fn add_base_grants(&mut self, parts: &[PartSums], window: &Window, scope: &Scope) {
        let mut persons: BTreeMap<(i32, MunicipalityNumber), usize> = BTreeMap::new();
        for part in parts {
            for (place, count) in &part.norwegian_persons {
                *persons.entry(*place).or_default() += count;
            }
        }
        for ((year, municipality), count) in persons {
            let december = Period::new(year, 12).expect("December");
            let Some(key) = base_grant_rate(count) else {
                continue;
            };
            if !window.contains(december) {
                continue;
            }
            let accrual = Accrual {
                person_id: None,
                municipality,
                grant: Grant::NorwegianBase,
                period: december,
                amount: window.rate(december, key),
                rule: crate::domain::grant::RuleId::R13,
                category: None,
                grant_year: 0,
                rate: key,
            };
            self.add(&accrual, scope);
            self.flush();
        }
    }
}

/// Sums per range when [`join_parts`] joins on several cores; fewer are
/// joined in one range.
const SUMS_PER_RANGE: usize = 50_000;

/// The parts' sums joined in key order: per municipality and grant, the
/// parts' persons in part order (already in person order when the register
/// is), sorted only where they are not, equal keys summed. The slots are cut
/// into one range per core (each of at least [`SUMS_PER_RANGE`] sums), of
/// about as many sums each, joined on threads of their own and put one
/// after the other.
fn join_parts(parts: Vec<PartSums>) -> DueLines {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let sums: usize = parts.iter().map(PartSums::runs).sum();
    join_parts_in(parts, cores.min(sums / SUMS_PER_RANGE).max(1))
}

/// [`join_parts`] with the slots cut into `ranges` ranges.
fn join_parts_in(mut parts: Vec<PartSums>, ranges: usize) -> DueLines {
    let rates_used = parts
        .iter()
        .flat_map(|p| p.rates_used.iter().copied())
        .collect();
    let accruals = parts.iter().map(|p| p.accruals).sum();
    let total = parts.iter().map(PartSums::runs).sum();
    let bounds = range_bounds(&parts, ranges, total);
    let mut slices: Vec<Vec<&mut [Vec<PersonSum>]>> = bounds.iter().map(|_| Vec::new()).collect();
    for part in &mut parts {
        let mut rest: &mut [Vec<PersonSum>] = &mut part.lines;
        let mut at = 0;
        for (range, end) in slices.iter_mut().zip(&bounds) {
            let (head, tail) = rest.split_at_mut(end - at);
            range.push(head);
            rest = tail;
            at = *end;
        }
    }
    // The first range is joined here, into a list with room for every
    // range's lines, and the others' lines are moved onto its end: one
    // list, copied once for all but the first range.
    let mut ranges = slices.into_iter().zip(std::iter::once(0).chain(bounds));
    let (first_range, _) = ranges.next().expect("at least one range");
    let others: Vec<_> = ranges.collect();
    let due = std::thread::scope(|scope| {
        let handles: Vec<_> = others
            .into_iter()
            .map(|(range, first)| scope.spawn(move || join_slots(range, first, 0)))
            .collect();
        let mut due = join_slots(first_range, 0, total);
        for handle in handles {
            due.extend(handle.join().expect("a thread joining the sums panicked"));
        }
        due
    });
    DueLines {
        due,
        rates_used,
        accruals,
    }
}

/// Where each of `ranges` ranges of slots ends: about as many sums in each.
/// `total` is how many sums the parts hold.
fn range_bounds(parts: &[PartSums], ranges: usize, total: usize) -> Vec<usize> {
    let sums_in = |slot: usize| parts.iter().map(|p| p.lines[slot].len()).sum::<usize>();
    let per_range = total.div_ceil(ranges.max(1)).max(1);
    let mut bounds = Vec::new();
    let mut in_range = 0;
    for slot in 0..SLOTS {
        in_range += sums_in(slot);
        if in_range >= per_range && bounds.len() + 1 < ranges {
            bounds.push(slot + 1);
            in_range = 0;
        }
    }
    bounds.push(SLOTS);
    bounds
}

/// The lines of one range of slots, the first of them `first`: per slot,
/// the parts' sums in `range` (one slice of slots per part). The list has
/// room for `room` lines, or for the range's if more.
fn join_slots(
    mut range: Vec<&mut [Vec<PersonSum>]>,
    first: usize,
    room: usize,
) -> Vec<(LineKey, Ore)> {
    let slots = range.first().map_or(0, |slice| slice.len());
    let sums = range
        .iter()
        .flat_map(|slice| slice.iter())
        .map(Vec::len)
        .sum();
    let mut due: Vec<(LineKey, Ore)> = Vec::with_capacity(room.max(sums));
    let mut bucket: Vec<PersonSum> = Vec::new();
    for offset in 0..slots {
        let at = first + offset;
        let municipality = u16::try_from(at / Grant::ALL.len())
            .ok()
            .and_then(MunicipalityNumber::from_trusted_u16)
            .expect("a slot is a four-digit municipality number");
        let mut line = Line {
            due: &mut due,
            municipality,
            grant: Grant::ALL[at % Grant::ALL.len()],
        };
        let in_order = range
            .iter()
            .flat_map(|slice| &slice[offset])
            .is_sorted_by(|a, b| a.0 <= b.0);
        if in_order {
            for slice in &mut range {
                for (person_id, amount) in slice[offset].drain(..) {
                    line.add(person_id, amount);
                }
            }
        } else {
            bucket.clear();
            for slice in &mut range {
                bucket.append(&mut slice[offset]);
            }
            bucket.sort_by(|a, b| a.0.cmp(&b.0));
            for (person_id, amount) in bucket.drain(..) {
                line.add(person_id, amount);
            }
        }
    }
    due
}

/// One municipality's and grant's persons being added to the lines due,
/// in person order.
struct Line<'a> {
    due: &'a mut Vec<(LineKey, Ore)>,
    municipality: MunicipalityNumber,
    grant: Grant,
}

impl Line<'_> {
    /// Adds a person's sum: to the last line if it is the same person's.
    fn add(&mut self, person_id: Option<SmolStr>, amount: Ore) {
        match self.due.last_mut() {
            Some((last, sum))
                if last.municipality == self.municipality
                    && last.grant == self.grant
                    && last.person_id == person_id =>
            {
                *sum += amount
            }
            _ => self.due.push((
                LineKey {
                    municipality: self.municipality,
                    grant: self.grant,
                    person_id,
                },
                amount,
            )),
        }
    }
}

#[cfg(test)]
#[path = "due_tests.rs"]
mod tests;
