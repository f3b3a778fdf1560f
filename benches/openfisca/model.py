"""The integration grant (R2-R4, R7) and the unaccompanied-minor grant (R9-R10)
as an OpenFisca model, run on a register file that `tilskot generate` or
`tilskot bench` wrote, with the rates of a tilskot rules file.

The peer of `tilskot bench --compare-openfisca` (issue 16): it prints one JSON
object with the time OpenFisca took and the totals per grant in øre, which
tilskot compares with its own to the øre before it compares the times.

    python3 benches/openfisca/model.py REGISTER.csv rules/2022.toml [--runs 3]

Amounts are integer øre (numpy int64 sums), as in tilskot; the monthly part
of an annual rate is floor(rate / 12) with the remainder in December.
"""

import argparse
import csv
import json
import time
import tomllib
from datetime import date
from importlib.metadata import version

import numpy as np
from openfisca_core.entities import build_entity
from openfisca_core.parameters import ParameterNode
from openfisca_core.periods import DateUnit
from openfisca_core.simulations import SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem
from openfisca_core.variables import Variable

Person = build_entity(key="person", plural="persons", label="A settled person", is_person=True)

# R3: the categories, as numbers.
UNACCOMPANIED_MINOR, CHILD, SINGLE_ADULT, ADULT = 0, 1, 2, 3
CATEGORY_KEYS = ["unaccompanied_minor", "child", "single_adult", "adult"]
BIRTH_WINDOW_DAYS = 183  # R7
NEVER = 10**6  # a month index after every exit


def eternal(name, kind=int, formula=None):
    attributes = {
        "value_type": kind,
        "entity": Person,
        "definition_period": DateUnit.ETERNITY,
        "label": name,
    }
    if formula is not None:
        attributes["formula"] = formula
    return type(name, (Variable,), attributes)


# Inputs: the facts a person of tilskot's register snapshot holds, nothing
# derived by a rule. Days are counted from 1970-01-01.
settlement_day = eternal("settlement_day")  # a born child's: the birth day
birth_day = eternal("birth_day")
exit_day = eternal("exit_day")  # NEVER without an exit
unaccompanied = eternal("unaccompanied", bool)
family_humanitarian = eternal("family_humanitarian", bool)  # the basis (a child: its mother's)
clock_year = eternal("clock_year")  # the year the grant clock started (a child: its mother's)
household_settled_same_day = eternal("household_settled_same_day")
born_child = eternal("born_child", bool)
days_after_mother_settlement = eternal("days_after_mother_settlement")


def calendar(days):
    """Year, month (1-12) and day of the month of day numbers."""
    dates = days.astype("datetime64[D]")
    months = dates.astype("datetime64[M]")
    year = months.astype("datetime64[Y]").astype(np.int64) + 1970
    month = months.astype(np.int64) % 12 + 1
    day = (dates - months).astype(np.int64) + 1
    return year, month, day


def derived(name, kind=int):
    """An eternal variable computed by a rule from the inputs."""
    return lambda formula: eternal(name, kind, formula)


@derived("settlement_month")
def settlement_month(person, period):
    year, month, _ = calendar(person("settlement_day", period))
    return year * 12 + month - 1


@derived("exit_month")
def exit_month(person, period):
    days = person("exit_day", period)
    year, month, _ = calendar(np.minimum(days, 10**5))
    return np.where(days == NEVER, NEVER, year * 12 + month - 1)


@derived("birth_year")
def birth_year(person, period):
    return calendar(person("birth_day", period))[0]


@derived("category")
def category(person, period):
    """R3: by age on the settlement day, and for adults by the household."""
    settled_year, settled_month, settled_day = calendar(person("settlement_day", period))
    born_year, born_month, born_day = calendar(person("birth_day", period))
    before_birthday = (settled_month < born_month) | ((settled_month == born_month) & (settled_day < born_day))
    age = settled_year - born_year - before_birthday
    minor_category = np.where(person("unaccompanied", period), UNACCOMPANIED_MINOR, CHILD)
    adult = np.where(person("household_settled_same_day", period) <= 1, SINGLE_ADULT, ADULT)
    return np.where(age < 18, minor_category, adult)


@derived("grant_years")
def grant_years(person, period):
    """R4: three years on family reunification with a humanitarian basis."""
    return np.where(person("family_humanitarian", period), 3, 5)


@derived("in_target_group", bool)
def in_target_group(person, period):
    """R7: a child born in Norway counts if born within the window after its
    mother's settlement."""
    days = person("days_after_mother_settlement", period)
    return ~person("born_child", period) | ((days >= 0) & (days <= BIRTH_WINDOW_DAYS))


def ore(nok):
    """Whole øre of a rate in NOK. OpenFisca keeps parameters as floats; a
    rate with at most two decimals times 100, rounded, is exact."""
    return int(round(nok * 100))


def month_index(period):
    return period.start.year * 12 + period.start.month - 1


def monthly_part(annual_ore, month):
    part = annual_ore // 12
    return part if month != 12 else annual_ore - 11 * part


def active(person, period):
    m = month_index(period)
    settled = (person("settlement_month", period) <= m) & (m <= person("exit_month", period))
    return settled & person("in_target_group", period)


class integration_year1(Variable):
    """R3, R7: the lump sum of grant year 1 in the settlement (birth) month."""
    value_type = int
    entity = Person
    definition_period = DateUnit.MONTH
    label = "integration grant, year 1"

    def formula(person, period, parameters):
        rates = parameters(period).integration_year1
        by_category = np.array([ore(rates[key]) for key in CATEGORY_KEYS], dtype=np.int64)
        in_month = person("settlement_month", period) == month_index(period)
        first_year = person("clock_year", period) == period.start.year
        due = in_month & first_year & active(person, period)
        return np.where(due, by_category[person("category", period)], 0)


class integration(Variable):
    """R2, R4: grant years 2 to 5 (3 for family_humanitarian) in monthly parts."""
    value_type = int
    entity = Person
    definition_period = DateUnit.MONTH
    label = "integration grant, years 2-5"

    def formula(person, period, parameters):
        rates = parameters(period).integration
        by_year = np.array([0, 0] + [ore(rates[f"year{y}"]) for y in range(2, 6)], dtype=np.int64)
        grant_year = period.start.year - person("clock_year", period) + 1
        due = active(person, period) & (grant_year >= 2) & (grant_year <= person("grant_years", period))
        annual = by_year[np.clip(grant_year, 0, 5)]
        return np.where(due, monthly_part(annual, period.start.month), 0)


class minor(Variable):
    """R9, R10: to December of the year of 20; the high rate to the year of 16."""
    value_type = int
    entity = Person
    definition_period = DateUnit.MONTH
    label = "unaccompanied-minor grant"

    def formula(person, period, parameters):
        rates = parameters(period).minor
        year = period.start.year
        born = person("birth_year", period)
        high, low = ore(rates.to_year_of_16), ore(rates.from_year_of_17)
        annual = np.where(year <= born + 16, high, low).astype(np.int64)
        due = (active(person, period) & (person("category", period) == UNACCOMPANIED_MINOR)
               & ~person("born_child", period) & (year <= born + 20))
        return np.where(due, monthly_part(annual, period.start.month), 0)


GRANTS = ["integration_year1", "integration", "minor"]


INPUTS = ["settlement_day", "birth_day", "exit_day", "unaccompanied", "family_humanitarian",
          "clock_year", "household_settled_same_day", "born_child", "days_after_mother_settlement"]
DERIVED = [settlement_month, exit_month, birth_year, category, grant_years, in_target_group]


def tax_benefit_system(rules_file):
    with open(rules_file, "rb") as f:
        rules = tomllib.load(f)
    start = f"{rules['year']}-01-01"
    rates = rules["rates"]
    data = {
        group: {key: {"values": {start: rates[group][key]["amount"]}} for key in rates[group]}
        for group in ["integration_year1", "integration", "minor"]
    }
    system = TaxBenefitSystem([Person])
    system.add_variables(*[globals()[name] for name in INPUTS], *DERIVED,
                         integration_year1, integration, minor)
    system.parameters = ParameterNode("", data=data)
    return system, rules["year"]


EPOCH = date(1970, 1, 1).toordinal()


def day_number(text):
    return date.fromisoformat(text).toordinal() - EPOCH


def persons_from_register(path):
    """The persons of a register file with the facts tilskot's Register::build
    gives them: events grouped by person, a born child linked to its mother
    (whose basis, grant clock and household it takes), the exit. No rule of
    R2-R10 is applied here; the model's formulas do that."""
    settled, born, exits = {}, {}, {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            kind = row["event"]
            if kind == "settled":
                settled[row["person_id"]] = row
            elif kind == "born":
                born[row["person_id"]] = row
            elif kind == "exited":
                exits[row["person_id"]] = day_number(row["date"])
    same_day = {}
    for row in settled.values():
        key = (row["household_id"], row["date"])
        same_day[key] = same_day.get(key, 0) + 1
    columns = {name: [] for name in INPUTS}

    def add(pid, settled_on, birth, unaccompanied_minor, mother, is_born):
        columns["settlement_day"].append(settled_on)
        columns["birth_day"].append(birth)
        columns["exit_day"].append(exits.get(pid, NEVER))
        columns["unaccompanied"].append(unaccompanied_minor)
        columns["family_humanitarian"].append(mother["basis"] == "family_humanitarian")
        columns["clock_year"].append(int(mother["date"][:4]))
        columns["household_settled_same_day"].append(same_day[(mother["household_id"], mother["date"])])
        columns["born_child"].append(is_born)
        columns["days_after_mother_settlement"].append(settled_on - day_number(mother["date"]))

    for pid, row in settled.items():
        add(pid, day_number(row["date"]), day_number(row["birth_date"]),
            row["unaccompanied"] == "true", row, False)
    for pid, row in born.items():
        mother = settled.get(row["mother_id"])
        if mother is not None:
            day = day_number(row["date"])
            add(pid, day, day, False, mother, True)
    return {name: np.array(values) for name, values in columns.items()}


def compute(system, year, persons):
    """The twelve months of `year` of every grant; returns the totals in øre."""
    count = len(persons["settlement_day"])
    simulation = SimulationBuilder().build_default_simulation(system, count)
    for name, values in persons.items():
        simulation.set_input(name, "ETERNITY", values)
    totals = {}
    for grant in GRANTS:
        totals[grant] = int(sum(simulation.calculate(grant, f"{year}-{m:02d}").sum(dtype=np.int64)
                                for m in range(1, 13)))
    return totals


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("register")
    parser.add_argument("rules")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    system, year = tax_benefit_system(args.rules)
    prepare, compute_seconds, totals, persons = [], [], None, None
    for _ in range(args.runs):
        started = time.perf_counter()
        persons = persons_from_register(args.register)
        prepare.append(time.perf_counter() - started)
        started = time.perf_counter()
        totals = compute(system, year, persons)
        compute_seconds.append(time.perf_counter() - started)
    print(json.dumps({
        "openfisca_core": version("openfisca-core"),
        "persons": len(persons["settlement_day"]),
        "year": year,
        "prepare_seconds": prepare,
        "compute_seconds": compute_seconds,
        "totals_ore": totals,
    }))


if __name__ == "__main__":
    main()
