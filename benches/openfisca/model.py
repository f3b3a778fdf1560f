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


def eternal(name, kind=int):
    return type(name, (Variable,), {
        "value_type": kind,
        "entity": Person,
        "definition_period": DateUnit.ETERNITY,
        "label": name,
    })


# Inputs: months are counted as year * 12 + month - 1.
settlement_month = eternal("settlement_month")
exit_month = eternal("exit_month")
clock_year = eternal("clock_year")
birth_year = eternal("birth_year")
category = eternal("category")
grant_years = eternal("grant_years")
born_child = eternal("born_child", bool)


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
    return (person("settlement_month", period) <= m) & (m <= person("exit_month", period))


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
    system.add_variables(settlement_month, exit_month, clock_year, birth_year, category,
                         grant_years, born_child, integration_year1, integration, minor)
    system.parameters = ParameterNode("", data=data)
    return system, rules["year"]


def age_on(birth, day):
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def month_of(day):
    return day.year * 12 + day.month - 1


def persons_from_register(path):
    """The persons of a register file, as tilskot's Register::build makes them."""
    settled, born, exits = {}, {}, {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            kind = row["event"]
            if kind == "settled":
                settled[row["person_id"]] = row
            elif kind == "born":
                born[row["person_id"]] = row
            elif kind == "exited":
                exits[row["person_id"]] = date.fromisoformat(row["date"])
    same_day = {}
    for row in settled.values():
        key = (row["household_id"], row["date"])
        same_day[key] = same_day.get(key, 0) + 1
    columns = {name: [] for name in ["settlement_month", "exit_month", "clock_year", "birth_year",
                                     "category", "grant_years", "born_child"]}

    def add(settled_on, birth, cat, clock, years, is_born, exit_on):
        columns["settlement_month"].append(month_of(settled_on))
        columns["exit_month"].append(month_of(exit_on) if exit_on else NEVER)
        columns["clock_year"].append(clock)
        columns["birth_year"].append(birth.year)
        columns["category"].append(cat)
        columns["grant_years"].append(years)
        columns["born_child"].append(is_born)

    for pid, row in settled.items():
        day, birth = date.fromisoformat(row["date"]), date.fromisoformat(row["birth_date"])
        if age_on(birth, day) < 18:
            cat = UNACCOMPANIED_MINOR if row["unaccompanied"] == "true" else CHILD
        else:
            cat = SINGLE_ADULT if same_day[(row["household_id"], row["date"])] <= 1 else ADULT
        years = 3 if row["basis"] == "family_humanitarian" else 5
        add(day, birth, cat, day.year, years, False, exits.get(pid))
    for pid, row in born.items():
        mother = settled.get(row["mother_id"])
        if mother is None:
            continue
        day, mother_day = date.fromisoformat(row["date"]), date.fromisoformat(mother["date"])
        if not 0 <= (day - mother_day).days <= BIRTH_WINDOW_DAYS:
            continue  # R7: outside the target group
        years = 3 if mother["basis"] == "family_humanitarian" else 5
        add(day, day, CHILD, mother_day.year, years, True, exits.get(pid))
    return {name: np.array(values) for name, values in columns.items()}


def compute(system, year, persons):
    """The twelve months of `year` of every grant; returns the totals in øre."""
    count = len(persons["category"])
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
    started = time.perf_counter()
    persons = persons_from_register(args.register)
    prepare = time.perf_counter() - started
    seconds, totals = [], None
    for _ in range(args.runs):
        started = time.perf_counter()
        totals = compute(system, year, persons)
        seconds.append(time.perf_counter() - started)
    print(json.dumps({
        "openfisca_core": version("openfisca-core"),
        "persons": len(persons["category"]),
        "year": year,
        "prepare_seconds": prepare,
        "compute_seconds": seconds,
        "totals_ore": totals,
    }))


if __name__ == "__main__":
    main()
