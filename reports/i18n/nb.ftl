# Bokmål: chosen with ?lang=nb; every key here is also in nn.ftl.

# The product's name, the same in both languages.
app-name = tilskot

## Navigation
nav-skip = Gå til innholdet
nav-applications = Søknader
nav-new-application = Ny søknad
nav-frames = Rammer
nav-disability = Nedsatt funksjonsevne
nav-batches = Utbetalinger
nav-users = Brukere
nav-calls = Åpne utlysninger
nav-sign-out = Logg ut
nav-other-language = Nynorsk
nav-other-language-code = nn

## Sign-in
login-title = Logg inn
login-name = Brukernavn
login-password = Passord
login-wrong = Feil brukernavn eller passord.
login-throttled = For mange mislykkede innlogginger. Prøv igjen om { $seconds } sekunder.

## Errors
error-title = Noe gikk galt
error-title-401 = Du må logge inn
error-title-403 = Du har ikke tilgang
error-title-404 = Fant ikke siden
error-title-409 = Handlingen kan ikke utføres nå
error-title-422 = Noe er feil i det du sendte
error-title-500 = Feil hos oss
error-back = Til forsiden
error-unauthorized = Logg inn for å fortsette.
error-not-found = Vi finner ikke det du leter etter. Adressen kan være feil, eller saken er ikke din.
error-forbidden = Rollen din gir ikke lov til dette.
error-bad-request = Noe er feil i det du sendte. Se over og prøv igjen.
error-conflict = Saken er ikke i en tilstand der dette kan gjøres. Last siden på nytt og se hva som gjelder nå.
error-internal = Noe gikk galt hos oss. Feilen er logget med referansen { $reference }.
error-stale-form = Skjemaet er for gammelt eller kommer ikke fra denne siden. Last siden på nytt og prøv igjen.
error-role = Rollen din gir ikke lov til dette.
error-role-compute-batch = Bare en økonomimedarbeider eller noen i økonomi kan regne ut en utbetaling, og { $user } har ikke en slik rolle.
error-role-import-register = Bare en økonomimedarbeider, noen i økonomi eller en administrator kan importere bosettingsregisteret, og { $user } har ikke en slik rolle.
error-role-import-accounts = Bare en økonomimedarbeider, noen i økonomi eller en administrator kan importere regnskapsfiler, og { $user } har ikke en slik rolle.
error-role-change-users = Bare en administrator kan legge til brukere eller endre rollene deres, og { $user } er ikke administrator.
error-role-disable-users = Bare en administrator kan sperre brukere eller åpne dem igjen, og { $user } er ikke administrator.
error-role-list-users = Bare en administrator eller en revisor kan se listen over brukere, og { $user } har ikke en slik rolle.
error-role-set-signatures = Bare en administrator kan bestemme hvordan brukere signerer brev, og { $user } er ikke administrator.
error-role-add-organisations = Bare en administrator kan legge til søkerorganisasjoner, og { $user } er ikke administrator.
error-role-close-year = Bare økonomi eller en revisor kan avslutte et regnskapsår, og { $user } har ikke en slik rolle.
error-not-draft = Søknad { $id } er ikke et utkast lenger og kan ikke endres.
error-conflict-of-interest = Du har meldt deg inhabil i søknad { $id }. En annen saksbehandler fatter vedtaket.
error-frame-exceeded = Rammen har { $available } kroner igjen. Et tilskudd på { $wanted } kroner går over rammen.
error-not-open = Søknad { $id } er ikke åpen for vedtak.
error-not-reviewed = Søknaden har { $submitted } av de { $required } vurderingene ordningen krever før vedtak.
error-frames-forbidden = Rammene er for saksbehandlere og økonomi.
error-batches-forbidden = Utbetalingene er for økonomi og revisorer.
error-municipality-applies = Bare en kommune kan søke om dette tilskuddet.
error-same-person = Du attesterte denne utbetalingen. En annen person må godkjenne den.
error-wrong-status = Utbetalingen er ikke i riktig status for dette.

error-no-award = Søknad { $id } har ikke noe tilskudd å betale ut.
error-released = Forpliktelsen i søknad { $id } er frigjort og blir ikke utbetalt.
error-payment-year = Tilskuddet i søknad { $id } er gitt fra rammen for { $year }. En utbetaling datert { $date } hører til et annet budsjettår.
error-already-paid = Søknad { $id } er allerede utbetalt eller ikke avgjort.
error-nothing-to-release = Søknad { $id } har ingen forpliktelse å frigjøre.
error-paid-not-released = Søknad { $id } er utbetalt. En utbetalt forpliktelse blir ikke frigjort.
error-release-reason = Skriv hvorfor forpliktelsen blir frigjort.
error-report-required = Skriv rapporten før du sender den.
error-report-before-payment = Søknad { $id } er ikke utbetalt. Rapporten kommer etter utbetalingen.
error-not-open-for-review = Søknad { $id } er ikke åpen for vurdering.
error-already-declared = Du har allerede meldt fra om inhabilitet i søknad { $id }. En slik melding blir ikke endret.
error-review-incomplete = En innsendt vurdering gir poeng på alle kriteriene: { $given } av { $total } er fylt ut.
error-declare-first = Meld fra om inhabilitet før du gir poeng på søknad { $id }.
error-conflict-no-score = Du har meldt deg inhabil i søknad { $id } og kan ikke gi poeng.
error-review-submitted = Du har allerede sendt inn vurderingen av søknad { $id }.
error-call-closed = Utlysningen er åpen { $opens } til { $closes } og tar ikke imot søknader { $today }.

error-applicant-needs-organisation = En søker må høre til en organisasjon. Fyll ut organisasjonsnummeret.
error-organisation-only-applicants = Bare søkere hører til en organisasjon. La organisasjonsnummeret stå tomt.
error-schemes-only-caseworkers = Bare saksbehandlere har ordninger. La ordningene stå tomme.
error-last-admin = { $name } er den siste administratoren og beholder rollen. Gjør en annen bruker til administrator først.

error-no-pdf = Denne serveren lager ikke PDF. Last ned brevet som HTML og skriv det ut til PDF fra nettleseren.
letter-download-pdf = Last ned vedtaksbrevet som PDF

error-register-changed = Det utbetalingen skal betale, er endret siden den ble beregnet: registeret, satsene eller et vedtak er endret. Beregn utbetalingen for { $period } på nytt og attester den nye kjøringen.
error-register-import-raced = { $file }: en annen innlesing til registeret ble lagret mens denne filen ble kontrollert. Ingenting ble lest inn; les inn filen på nytt.
error-rates-not-adopted = Utbetalingen er beregnet med satser som ikke er vedtatt (svakeste status: { $status ->
    [proposed] foreslått
    [inferred] utledet
    [unverified] ikke bekreftet
   *[other] plassholder
}). Vil du betale likevel, kryss av for det på siden eller gi --allow-unverified-rates på kommandolinjen; valget blir registrert på utbetalingen.
error-batch-changed = Utbetalingen ble endret mens du arbeidet med den. Se på den på nytt.
error-paid-record-changed = Det som er lagret som utbetalt, stemmer ikke med det revisjonsloggen viser. Ingen ny utbetaling blir regnet ut før en revisor eller systemansvarlig har sett på det.
error-before-start-period = Utbetalingene før { $start } ble gjort i det forrige systemet. { $period } blir ikke regnet ut her.
error-month-order = Utbetalingen for { $latest } finnes allerede. Utbetalingene blir regnet ut måned for måned, og { $period } er tidligere.
error-earlier-batch-open = Utbetalingen for { $period } (kjøring { $run }) må betales eller regnes ut på nytt før en senere måned blir regnet ut.
error-year-batch-unpaid = Utbetalingen for { $period } (kjøring { $run }) er ikke betalt. Den må betales før regnskapsåret { $year } blir avsluttet.
error-lines-changed = Linjene i utbetalingen for { $period } (kjøring { $run }) er endret etter at den ble regnet ut og attestert. Den blir ikke godkjent eller betalt.
error-payment-file-differs = Betalingsfilen { $file } finnes allerede i utboksen med annet innhold. Den blir ikke skrevet over; en person må se på begge.
error-payment-recorded-otherwise = Betalingen { $payment } er allerede registrert med annet innhold. Se på utbetalingen på nytt.
error-paid-as-other = Utbetalingen er allerede betalt som { $payment }. Se på den på nytt.
error-admin-exists = Databasen har allerede en administrator. Nye brukere legges til av en administrator.
error-start-period-fixed = Databasen betaler allerede fra { $existing }. Startperioden kan ikke endres til { $start }.
error-voucher-differs = Bilaget { $reference } finnes allerede i regnskapet med annet innhold. En retting blir et nytt bilag.
error-voucher-unbalanced = Bilaget { $reference } går ikke i balanse: differansen er { $difference } kroner.
error-scheme-budget-line-unknown = Ordningen { $scheme } { $year } viser til budsjettposten { $line }, som ikke finnes i regnskapet. Utbetalingene kunne ikke ha blitt bokført.
error-criterion-scored = Kriteriet { $criterion } i ordningen { $scheme } { $year } har allerede poeng og kan ikke fjernes.
error-frame-bound-differs = Rammen for { $scheme } { $year } stemmer ikke: bundne midler er ikke lik tildelt minus frigjort. Kontakt den som drifter systemet.

error-year-closed = Regnskapsåret { $year } er avsluttet og kan ikke endres.
error-year-not-over = Regnskapsåret { $year } er ikke over før 31. desember { $year } og kan ikke avsluttes før det.
error-earlier-year-open = Regnskapsåret { $earlier } er ikke avsluttet. Årene blir avsluttet i rekkefølge, { $earlier } før { $year }.
error-reference-taken = Referansen { $reference } er brukt før. En ny søknad får en ny referanse.
error-unknown-criterion = Ett av kriteriene hører ikke til ordningen. Last siden på nytt.

## Forms
form-errors = { $count ->
    [one] Skjemaet har én feil. Den står ved feltet.
   *[other] Skjemaet har { $count } feil. Hver feil står ved sitt felt.
}
form-warnings = Søknaden oppfyller ikke alle kravene i ordningen ennå. Du kan lagre utkastet, men en søknad som ikke oppfyller kravene, får avslag:
form-save-draft = Lagre utkast
field-required = Feltet må fylles ut.
field-not-amount = «{ $text }» er ikke et beløp i kroner (for eksempel 150 000 eller 150 000,50).
field-negative = Beløpet kan ikke være negativt.
field-above-zero = Beløpet må være større enn null.
field-too-long = Teksten kan være høyst { $max } tegn.
field-own-above-budget = Egenfinansieringen ({ $own }) er større enn budsjettet ({ $budget }).
field-budget-exceeded = Omsøkt beløp ({ $applied }) og egenfinansiering ({ $own }) er til sammen mer enn budsjettet ({ $budget }).
field-not-whole-number = «{ $text }» er ikke et heltall.
field-not-year-amount = «{ $text }» er ikke på formen «år: beløp».
field-not-year = «{ $text }» er ikke et årstall.
field-later-year-range = { $year } er ikke ett av de fire årene etter { $scheme_year }.
field-year-twice = { $year } står to ganger.
field-later-year-zero = Beløpet for { $year } må være større enn null.
field-partial-award-range = Et delvis tilskudd må være større enn null og mindre enn omsøkt beløp ({ $applied }).
field-rejection-needs-reason = Et avslag må begrunnes (hvilket krav søknaden ikke oppfyller).
field-not-score = «{ $text }» er ikke en poengsum fra 0 til 5.
field-not-decision = «{ $text }» er ikke et vedtak.
field-not-date = «{ $text }» er ikke en dato (ÅÅÅÅ-MM-DD).
field-not-action = «{ $text }» er ikke en handling på utbetalingen.
field-no-open-call = Ingen utlysning er åpen i dag.
field-choose-open-call = Velg en utlysning som er åpen i dag.
field-wrong-type = Feltet har feil type.

## Fields
field-id = Nr.
field-scheme = Tilskuddsordning
field-year = År
field-applicant = Søker
field-project = Prosjekt
field-amount-applied = Omsøkt beløp i år
field-amount-applied-nok = Omsøkt beløp i år (kroner)
field-budget-total = Totalbudsjett for prosjektet
field-budget-total-nok = Totalbudsjett for prosjektet (kroner)
field-own-financing = Egenfinansiering
field-own-financing-nok = Egenfinansiering (kroner)
field-participants = Antall deltakere
field-later-years = Senere år
field-later-years-format = Senere år for flerårige prosjekter, «år: beløp; år: beløp»
field-state = Status
field-submitted = Sendt inn
field-decision = Vedtak
field-committed = Forpliktet
field-reserved = Reservert for senere år
field-paid = Utbetalt
field-released = Frigjort
field-report = Rapport

## Lists
applications-title = Søknader
applications-none = Ingen søknader.
list-search = Søk i prosjekt og søker
list-search-button = Søk
list-sort = Sorter etter
list-showing = Viser { $from }–{ $to } av { $total }
list-page-of = Side { $page } av { $pages }
list-pages = Sider
list-previous = Forrige side
list-next = Neste side
sort-id = Søknadsnummer
sort-newest = Nyeste først
sort-project = Prosjekt
sort-organisation = Søker
sort-amount = Største beløp først
sort-state = Status
call-option = { $scheme } { $year } (åpen { $opens } til { $closes })

export-organisation-number = Organisasjonsnummer
export-decision-date = Vedtaksdato
export-decided-by = Vedtatt av
export-file-name = soknader
list-export-csv = Last ned som CSV
list-export-xlsx = Last ned som Excel (XLSX)

## Application
application-title = Søknad
application-edit = Endre utkast
application-submit = Send inn søknaden
report-label = Rapport om prosjektet
report-send = Send rapport
review-title = Vurdering
review-declare-first = Meld først fra om du er inhabil i denne søknaden.
review-conflict = Inhabilitet
review-no-conflict = Jeg er ikke inhabil
review-has-conflict = Jeg er inhabil og vurderer ikke søknaden
review-declare = Meld fra
review-declared-conflict = Du har meldt deg inhabil og vurderer ikke denne søknaden.
review-criterion = Kriterium
review-weight = Vekt
review-score = Poeng 0–5
review-save = Lagre
review-submit = Send inn vurderingen
review-others = Andre saksbehandlere
review-reviewer = Saksbehandler
review-scores = Poeng
review-hidden = Skjult til begge vurderingene er sendt inn
review-status-conflict = Inhabil
review-status-submitted = Sendt inn
review-status-in-progress = Under arbeid
decision-title = Vedtak
decision-reason-partial-frame = Rammen dekket ikke hele det omsøkte beløpet.
decision-reason-frame-used = Rammen ble brukt opp av søknader som var rangert høyere.
decision-partial-amount = Beløp ved delvis tilskudd (kroner)
decision-reason = Begrunnelse (må fylles ut ved avslag)
decision-make = Fatt vedtak
pay-title = Utbetaling
pay-date = Utbetalingsdato (i ordningens år)
pay-button = Betal ut og bokfør
release-reason = Grunn til å frigjøre forpliktelsen
release-button = Frigjør
history-title = Historikk
history-when = Når
history-who = Hvem
history-change = Endring

## Names: application states
state-draft = Utkast
state-submitted = Sendt inn
state-in-review = Under vurdering
state-decided = Avgjort
state-paid = Utbetalt
state-reported = Rapportert

## Names: decisions
decision-awarded = Innvilget
decision-partly-awarded = Delvis innvilget
decision-rejected = Avslått
decision-recommended-not-funded = Tilrådet, men ikke finansiert

## Names: roles
role-finance-officer = Økonomimedarbeider (attesterer)
role-approver = Godkjenner
role-caseworker = Saksbehandler
role-applicant = Søker
role-finance = Økonomi
role-auditor = Revisor
role-admin = Administrator

## Names: applicants
applicant-kind-municipality = kommune
applicant-kind-county = fylkeskommune
applicant-kind-voluntary-organisation = frivillig organisasjon
ineligible-kind = Denne typen søker ({ $kind ->
    [municipality] kommune
    [county] fylkeskommune
   *[other] frivillig organisasjon
}) kan ikke søke på ordningen.
ineligible-outside-call = Søknaden kom inn { $submitted }, utenfor utlysningen ({ $opens } til { $closes }).
ineligible-participants = Prosjektet har { $participants } deltakere. Ordningen krever minst { $min }.
ineligible-own-financing = Egenfinansieringen ({ $own }) er under { $percent } % av budsjettet ({ $budget }).

## Names: schemes and criteria
scheme-jobbsjansen = Tilskudd til Jobbsjansen
scheme-integreringstiltak = Tilskudd til utvikling av kommunale integreringstiltak (område 1–6)
criterion-results = Resultatmål
criterion-cooperation = Samarbeidsstruktur
criterion-tailored = Individuelt tilpasset innhold
criterion-binding = Forpliktende samarbeid med sektormyndigheter
criterion-labour-market = Arbeidsmarkedskompetanse
criterion-transferable = Overføringsverdi til andre kommuner
criterion-method = Kunnskaps- og metodeutvikling
criterion-quality = Kvalitet i kvalifiserings- og integreringsarbeidet
criterion-feasibility = Gjennomføringsevne

## Public calls
calls-title = Åpne utlysninger
calls-none = Ingen utlysninger er åpne nå.
calls-period = Utlysningen er åpen
calls-deadline = Søknadsfrist
calls-who = Hvem kan søke
calls-min-participants = Minste antall deltakere
calls-min-own-financing = Minste egenfinansiering
calls-criteria = Kriterier søknadene blir vurdert etter

## Frames
frames-title = Tilskuddsrammer
frame-frame = Ramme
frame-awarded = Innvilget
frame-outstanding = Utestående forpliktelser
frame-available = Tilgjengelig
frame-underspend = Mindreforbruk
frames-underspend-note = Mindreforbruket er rammen minus det som er utbetalt. Ved årsslutt blir alle forpliktelser som ikke er utbetalt, frigjort.
ranking-title = Rangering og forslag til fordeling
ranking-note = Søknadene er rangert etter vektet poengsum fra de innsendte vurderingene, innenfor det som er tilgjengelig. Dette er et forslag, ikke et vedtak.
ranking-score = Vektet poengsum
ranking-proposal = Forslag
ranking-not-reviewed = Ikke rangert ennå, uten innsendt vurdering:
commitments-title = Vedtak, forpliktelser og utbetalinger

## Batches
batches-title = Månedlige utbetalinger
batches-none = Ingen utbetalinger er beregnet ennå.
batch-title = Utbetaling
batch-month = Måned
batch-run = kjøring
batch-run-heading = Kjøring
batch-sum = Sum (kroner)
batch-lines = Linjer
batch-municipalities = Kommuner
batch-municipality = Kommune
batch-grant = Tilskudd
batch-budget-line = Kapittel/post
batch-attested-by = Attestert av
batch-approved-by = Godkjent av
batch-weakest-rate = Svakeste status på satsene
batch-payment-file = Betalingsfil
batch-attest = Attester
batch-approve = Godkjenn
batch-reject = Avvis
batch-reject-reason = Grunn til avvisning
batch-pay = Betal ut
batch-pay-unverified = Betal selv om satsene ikke er vedtatt
batch-by-budget-line = Per kapittel/post
batch-previous = Forrige utbetaling
batch-difference = Differanse
batch-compared-with = Sammenlignet med den forrige betalte utbetalingen,
batch-back = Tilbake til utbetalingen
batch-total = Sum
batch-persons-note = Personene bak beløpene. Hvorfor en person får det den får, viser «tilskot explain --person ID» regel for regel.
batch-by-municipality = Per kommune og tilskudd
batch-status-computed = Beregnet
batch-status-attested = Attestert
batch-status-approved = Godkjent
batch-status-paid = Utbetalt
batch-status-superseded = Erstattet
rate-status-adopted = Vedtatt
rate-status-proposed = Foreslått
rate-status-inferred = Utledet
rate-status-unverified = Ikke bekreftet
rate-status-placeholder = Plassholder
grant-integration-year1 = Integreringstilskudd, år 1
grant-integration = Integreringstilskudd, år 2–5
grant-elderly = Eldretilskudd
grant-kindergarten = Barnehagetilskudd
grant-minor = Tilskudd ved bosetting av enslige mindreårige
grant-norwegian = Norsktilskudd, per person
grant-norwegian-base = Norsktilskudd, grunntilskudd
grant-disability-1 = Tilskudd ved nedsatt funksjonsevne, tilskudd 1
grant-disability-2 = Tilskudd ved nedsatt funksjonsevne, tilskudd 2
budget-line-0671-60 = Integreringstilskudd
budget-line-0671-61 = Særskilt tilskudd ved bosetting av enslige mindreårige
budget-line-0671-62 = Kommunale innvandrertiltak
budget-line-0672-60 = Tilskudd til opplæring i norsk og samfunnskunnskap

rule-R0 = Satsen for måneden
rule-R1 = Hvem som gir tilskudd
rule-R2 = Tilskuddsår
rule-R3 = År 1 og kategoriene
rule-R4 = År 2–5
rule-R5 = Kommunen for måneden
rule-R6 = Utflytting og død
rule-R7 = Barn født etter bosettingen
rule-R8 = Engangstilskuddene
rule-R9 = Enslige mindreårige: hvem og hvor lenge
rule-R10 = Enslige mindreårige: satsen
rule-R11 = Norsktilskudd per person
rule-R12 = Kollektiv beskyttelse
rule-R13 = Grunntilskudd
rule-R14 = Hvem det kan søkes for
rule-R15 = Tilskudd 1
rule-R16 = Tilskudd 2
rule-R17 = Ett av hvert
rule-R18 = Frister
rule-R19 = Utbetaling
category-unaccompanied-minor = enslig mindreårig
category-child = barn
category-single-adult = enslig voksen
category-adult = voksen
person-accruals = Opptjening i
person-accruals-note = Hva personen har tjent opp måned for måned, etter regelen som gjelder (se regelreferansen i docs/rules.md). En utbetaling er det som er opptjent til terminen, minus det som er betalt før.
person-rule = Regel
person-category = Kategori
person-payments = Utbetalinger til personen

## Disability grant
disability-title = Tilskudd ved bosetting av personer med nedsatt funksjonsevne eller atferdsvansker
disability-queue = Saksgangen i
disability-queue-summary = { $received } mottatt, { $decided } avgjort, { $awarded } innvilget for { $amount } kroner.
disability-backlog-months = Uavgjorte, måneder siden mottak
disability-count = Antall
disability-decision-month = Vedtaksmåned
disability-mean-days = Dager i snitt
disability-median-days = Median
disability-reference = Referanse
disability-reference-own = Referanse (kommunens egen)
disability-person = Person
disability-person-id = Personen (id i bosettingsregisteret)
disability-grant-year = Tilskuddsår
disability-grant-year-input = Tilskuddsår (1, 2, …)
disability-received = Mottatt
disability-awarded = Innvilget
disability-expenses = Dokumenterte utgifter
disability-expenses-input = Dokumenterte utgifter (bare tilskudd 2, kroner)
disability-before-settlement = Funksjonsnedsettelsen eller atferdsvanskene oppstod før bosettingen
disability-special-agreement = Særskilt avtale (familieinnvandring)
disability-send = Send søknaden
disability-allowed = Høyeste tilskudd etter regelverket
disability-no-decisions = Ingen vedtak ennå.
disability-date = Dato
disability-amount = Beløp
disability-by = Av
disability-reason = Begrunnelse
disability-latest-applies = Det siste vedtaket gjelder. Et nytt vedtak (klage, retting) erstatter det, og differansen blir utbetalt eller motregnet i neste termin.
disability-award-full = Innvilget (hele beløpet)
disability-amount-input = Beløp (tomt = hele beløpet ved innvilgelse)
disability-decision-date = Vedtaksdato
disability-save-decision = Lagre vedtaket
disability-grant-1 = Tilskudd 1 (engangs)
disability-grant-2 = Tilskudd 2 (dokumenterte utgifter)
disability-status-pending = Under behandling
disability-status-awarded = Innvilget
disability-status-partly-awarded = Delvis innvilget
disability-status-rejected = Avslått
disability-problem = Se over feltet «{ $field }»: { $reason }
disability-column-reference = Referanse
disability-column-municipality = Kommune
disability-column-person-id = Personen
disability-column-grant = Tilskudd
disability-column-grant-year = Tilskuddsår
disability-column-documented-expenses = Dokumenterte utgifter
disability-column-originated-before-settlement = Oppstod før bosettingen
disability-column-special-agreement = Særskilt avtale
disability-column-received = Mottatt
disability-column-decision = Vedtak
disability-column-amount = Beløp
disability-column-reason = Begrunnelse
disability-column-date = Vedtaksdato
disability-expected-reference = en referanse som ikke er brukt før, høyst 32 tegn.
disability-expected-municipality = personen må være bosatt i kommunen som søker.
disability-expected-person-id = id-en til en person som er bosatt i kommunen, og som tilskuddet kan gjelde.
disability-expected-grant = tilskudd 1 eller 2.
disability-expected-grant-year = et tilskuddsår som regelverket åpner for, og som det ikke er søkt om før.
disability-expected-documented-expenses = et beløp i kroner for tilskudd 2, tomt for tilskudd 1.
disability-expected-originated-before-settlement = kryss av bare når vanskene oppstod før bosettingen.
disability-expected-special-agreement = kryss av bare ved særskilt avtale.
disability-expected-received = en dato (ÅÅÅÅ-MM-DD).
disability-expected-decision = innvilget, delvis innvilget eller avslått.
disability-expected-amount = et beløp i kroner, ikke over det høyeste tilskuddet etter regelverket.
disability-expected-reason = en begrunnelse ved delvis innvilgelse og avslag, høyst 4000 tegn.
disability-expected-date = en dato (ÅÅÅÅ-MM-DD), ikke før søknaden kom inn.

## Letters
letter-sender = Integrerings- og mangfoldsdirektoratet
letter-to = Til:
letter-to-municipality = Til: kommune
letter-heading-awarded = Vedtak om tilskudd
letter-heading-partly-awarded = Vedtak om delvis innvilget tilskudd
letter-heading-rejected = Vedtak om avslag på søknad om tilskudd
letter-heading-recommended-not-funded = Melding om søknad som er tilrådet, men ikke finansiert
letter-introduction = Vi viser til deres søknad (nr. { $id }) om { $scheme } for { $year }, prosjektet «{ $project }».
letter-disability-introduction = Vi viser til deres søknad (ref. { $reference }, mottatt { $received }) om { $grant } ved bosetting av personer med nedsatt funksjonsevne eller atferdsvansker for tilskuddsår { $grant_year }.{ $replaces }
letter-replaces = { " " }Dette vedtaket erstatter det forrige vedtaket i saken.
letter-amount-awarded = Innvilget beløp
letter-budget = Tilskuddet belastes kap./post { $line } i statsbudsjettet for { $year } og utbetales til kontoen som er registrert på mottakeren.
letter-disability-budget = Tilskuddet belastes kap./post 0671.60 i statsbudsjettet og utbetales sammen med neste terminutbetaling av integreringstilskuddet.
letter-reservations = Prosjektet er flerårig. For senere år er disse beløpene reservert, med forbehold om Stortingets bevilgning:
letter-reason = Begrunnelse:
letter-report-duty = Tilskuddsmottakeren skal rapportere om bruken av midlene innen fristen i regelverket for ordningen.
letter-appeal = Vedtaket kan påklages innen tre uker fra det er mottatt (forvaltningsloven § 28 og § 29).
letter-regards = Med hilsen
title-adviser = rådgiver
title-senior-adviser = seniorrådgiver
title-director = fagdirektør
title-head-of-section = seksjonssjef
letter-caseworker = saksbehandler
letter-download-html = Last ned vedtaksbrevet
letter-file-name = vedtak

## Users
users-role = Rolle
users-organisation = Organisasjon
users-schemes = Ordninger
users-add = Legg til eller endre en bruker
users-add-note = Et brukernavn som finnes fra før, får den nye rollen og det nye passordet. Alle øktene til brukeren blir avsluttet.
users-organisation-input = Organisasjonsnummer (bare for søkere)
users-schemes-input = Ordninger (bare for saksbehandlere, skilt med komma)
users-password-input = Passord (minst 12 tegn)
users-save = Lagre brukeren
users-signature = Signatur i vedtaksbrev
users-signature-note = Vedtaksbrevene blir signert med fullt navn og stilling til saksbehandleren som fattet vedtaket.
users-full-name = Fullt navn
users-title = Stilling
users-save-signature = Lagre signaturen
users-choose-title = Velg en stilling.
users-no-such-user = Det finnes ingen bruker med det brukernavnet.
users-full-name-length = Fullt navn må ha mellom 1 og 100 tegn.
users-choose-role = Velg en rolle.
users-state = Tilgang
users-active = aktiv
users-disabled = sperret
users-disable = Sperr
users-enable = Åpne igjen
users-state-note = En bruker som slutter, blir sperret, ikke slettet: navnet står igjen på alt brukeren har gjort, men brukeren kan ikke logge inn eller gjøre noe mer, og øktene til brukeren blir avsluttet.

## The command line
cli-error = feil: { $text }
cli-error-internal = Noe gikk galt inne i tilskot. Loggmeldingen over sier hva.
cli-password-needed = Sett passordet i miljøvariabelen { $variable }, eller kjør kommandoen i en terminal for å bli spurt om det.
cli-password-of = Passordet til { $user }
cli-password-of-admin = Passordet til administratoren { $user }
cli-new-password-of = Nytt passord for { $user }
error-no-user = Det finnes ingen bruker som heter { $name }.
cli-rate-warning = ADVARSEL: regnet ut med satser som ikke er vedtatt (svakeste status: { $status }). Plassholdersatser er ikke virkelige satser, og utbetaling krever vedtatte satser.
cli-summary-number = kommune
cli-summary-name = navn
cli-summary-net = netto
cli-summary-total = sum ({ $count } kommuner)
cli-batch-list-month = måned
cli-batch-list-run = kjøring
cli-batch-list-status = status
cli-batch-list-lines = linjer
cli-batch-list-total = sum kroner
cli-batch-list-rates = satser
cli-batch-list-attested = attestert av
cli-batch-list-approved = godkjent av
cli-batch-list-footer = Kjøringer: { $runs }. Venter på utbetaling: { $waiting }.
cli-batch-computing = regner ut utbetalingen for { $period }
cli-batch-outcome-new = ny
cli-batch-outcome-unchanged = uendret siden forrige kjøring, samme utbetaling
cli-batch-outcome-supplementary = det som skal betales, har endret seg etter utbetalingen (registeret, satsene eller et vedtak), og denne kjøringen betaler differansen
cli-batch-outcome-recomputed = det som skal betales, har endret seg før utbetalingen (registeret, satsene eller et vedtak), og den forrige kjøringen er erstattet: attester denne
cli-batch-computed = Utbetalingen for { $period }, kjøring { $run } ({ $outcome }): { $status }, { $lines } linjer, til sammen { $total } kroner
cli-batch-attested = Utbetalingen for { $period }, kjøring { $run }, er attestert av { $user }.
cli-batch-approved = Utbetalingen for { $period }, kjøring { $run }, er godkjent av { $user }.
cli-batch-paid = Utbetalingen for { $period }, kjøring { $run }, er betalt av { $user }.
cli-batch-rejected = Utbetalingen for { $period }, kjøring { $run }, er avvist av { $user } og er tilbake til status «{ $status }».
cli-payment-made = Betalt som { $payment }: { $transfers } overføringer, { $total } kroner, fil { $file }
cli-payment-already-made = Allerede betalt som { $payment }: { $transfers } overføringer, { $total } kroner, fil { $file }
cli-payment-carried = Ført videre til neste termin som motregning (negativ netto): { $municipalities }
cli-check-no-year = ingen år
cli-check-passed = Alle kontrollene er i orden: revisjonsloggen med { $entries } innslag ({ $anchors } ankerpunkt), { $batches } utbetalinger mot hashene sine, alle bilag i balanse, regnskapet for { $years }, regelfilene, { $calls } tilskuddsrammer og { $snapshots } lagrede registerbilder mot hendelsene
cli-recovery-published = { $file }: betalingen er lagret, og filen er flyttet til utboksen { $folder }
cli-recovery-voided = { $file }: betalingen ble aldri lagret, og filen er flyttet til { $folder }
cli-recovery-nothing = Ingen betalingsfiler venter: utboksen er i takt med databasen.
cli-batch-shown = Utbetalingen for { $period }, kjøring { $run }: { $status }, regnet ut { $computed }, { $lines } linjer, til sammen { $total } kroner, satser: { $rates }
cli-batch-unverified-allowed = (betalt med --allow-unverified-rates, på satser som ikke er vedtatt)
error-no-batch = Det finnes ingen utbetaling for { $period }. Regn den ut først med «tilskot batch run --period { $period }».
error-no-run = Utbetalingen for { $period } har ingen kjøring { $run }.
error-batch-status-attest = Bare en beregnet utbetaling kan attesteres, og denne er { $status ->
    [computed] beregnet
    [attested] attestert
    [approved] godkjent
    [paid] utbetalt
   *[superseded] erstattet
}.
error-batch-status-approve = Bare en attestert utbetaling kan godkjennes, og denne er { $status ->
    [computed] beregnet
    [attested] attestert
    [approved] godkjent
    [paid] utbetalt
   *[superseded] erstattet
}.
error-batch-status-pay = Bare en godkjent utbetaling kan betales ut, og denne er { $status ->
    [computed] beregnet
    [attested] attestert
    [approved] godkjent
    [paid] utbetalt
   *[superseded] erstattet
}.
error-batch-status-reject = Bare en attestert eller godkjent utbetaling kan avvises, og denne er { $status ->
    [computed] beregnet
    [attested] attestert
    [approved] godkjent
    [paid] utbetalt
   *[superseded] erstattet
}.
error-batch-role-attest = Bare en økonomimedarbeider kan attestere en utbetaling, og { $user } har rollen { $role ->
    [finance_officer] økonomimedarbeider
    [approver] godkjenner
    [caseworker] saksbehandler
    [applicant] søker
    [finance] økonomi
    [auditor] revisor
   *[admin] administrator
}.
error-batch-role-approve = Bare en godkjenner kan godkjenne en utbetaling, og { $user } har rollen { $role ->
    [finance_officer] økonomimedarbeider
    [approver] godkjenner
    [caseworker] saksbehandler
    [applicant] søker
    [finance] økonomi
    [auditor] revisor
   *[admin] administrator
}.
error-batch-role-reject = Bare en økonomimedarbeider eller en godkjenner kan avvise en utbetaling, og { $user } har rollen { $role ->
    [finance_officer] økonomimedarbeider
    [approver] godkjenner
    [caseworker] saksbehandler
    [applicant] søker
    [finance] økonomi
    [auditor] revisor
   *[admin] administrator
}.
error-reject-reason = Skriv hvorfor utbetalingen blir avvist.
error-nothing-to-pay = Utbetalingen for { $period } har ingenting å betale ut.
cli-year-released = { $scheme } { $year }: { $amount } kroner i forpliktelser som ikke var utbetalt, er frigjort
cli-year-closed = Regnskapsåret { $year } er avsluttet: ingen bilag, utbetalinger, tilsagn, frigjøringer eller tildelinger i { $year } kan endres mer.
error-no-rules-year = Det finnes ingen satser for budsjettåret { $year }. Legg inn rules/{ $year }.toml etter rundskrivet for året.
cli-rules-title = Reglene for { $year } ({ $file })
cli-rules-rate = sats
cli-rules-kroner = kroner
cli-rules-status = status
cli-rules-source = kilde
cli-rules-terms = Utbetalingsterminer:
cli-rules-term = måned { $month }: betaler opptjening til og med { $through } ({ $grants }) [{ $status }] { $source }
cli-rules-move-lag = Etterslep ved flytting: { $months } måneder [{ $status }] { $source }
cli-rules-low-rate-countries = Land med lav sats: { $countries } [{ $status }]
cli-rules-reference = Hva hver regel (R0–R19) betyr, med kilde og status: docs/rules.md
error-last-admin-disable = { $name } er den siste administratoren som kan gjøre noe, og kan ikke sperres. Gjør en annen bruker til administrator først.
error-voucher-in-closed-year = Bilaget { $reference } er datert { $date }, og regnskapsåret { $year } er avsluttet. Ingen bilag blir datert i et avsluttet år.
cli-accounts-imported = { $accounts } kontoer, { $lines } budsjettlinjer, { $allocations } tildelinger; { $added } bilag lagt til, { $present } fantes allerede i regnskapet
cli-accounts-files = regnskapsfilene
cli-statements-written = { $folder }: { $count } CSV-filer for { $year }
cli-statements-checked = { $count } kontroller av oppstillingene er i orden
cli-journal-written = { $file }: { $vouchers } bilag
cli-audit-intact = Revisjonsloggen med { $entries } innslag er hel. Utbetalinger kontrollert mot innslagene sine: { $batches }. Ankerpunkt funnet: { $anchors }.
cli-importing = leser inn { $file }
cli-warning = advarsel
cli-register-imported = { $file }: { $rows } rader lest, { $added } hendelser lagt til, { $present } fantes allerede i registeret
cli-building-persons = bygger personene i registeret
error-file-refused = { $count } feil i { $file }. Ingenting ble lest inn.
cli-explain-months = (Måneder forklart: { $from } til { $to }. Regelfilene dekker { $first }–{ $last }.)
cli-admin-created = Administratoren { $user } er opprettet.
cli-initialised = { $database } er klar: tilskot betaler fra { $start }.
cli-rules-checked = { $file }: { $rates } satser, { $terms } utbetalingsterminer, svakeste status: { $status }
cli-municipalities-listed = { $count } kommuner i kommunelisten
cli-scheme-checked = { $scheme } { $year }: ramme { $frame } kroner, { $criteria } kriterier
cli-user-signs = { $user } signerer brev som { $full }, { $title }.
cli-user-disabled = { $user } er sperret og kan ikke lenger logge inn eller gjøre noe.
cli-user-enabled = { $user } er åpnet igjen og kan logge inn og gjøre ting.
cli-user-saved = Brukeren { $user } er lagret med rollen { $role }.
cli-disability-imported = { $file }: { $rows } rader lest, { $added } søknader lagt til, { $present } fantes allerede
cli-disability-extended = Søknad { $reference }: fristen er forlenget til { $until }.
cli-disability-decided = { $file }: { $count } vedtak registrert av { $user }
cli-disability-status = Tilskudd ved nedsatt funksjonsevne { $year }: { $received } mottatt, { $decided } avgjort, { $awarded } innvilget med til sammen { $amount } kroner
cli-disability-backlog = Ikke avgjort, etter alder (hele måneder siden mottak):
cli-disability-backlog-line = { $months } måneder: { $count }
cli-disability-days = Dager fra mottak til vedtak, etter vedtaksmåned (gjennomsnitt, median):
frame-paid = Utbetalt
frame-released = Frigjort
cli-schemes-loaded = { $count } utlysninger er lastet inn.
cli-scheme-listed = { $code } { $year } { $line } { $name }: ramme { $frame } kroner, utlysningen er åpen { $opens }–{ $closes }
cli-commitment-paid = Søknad { $id }: { $amount } kroner er utbetalt og bokført { $date }.
cli-commitment-released = Søknad { $id }: { $amount } kroner er frigjort.
cli-commitments-released = { $amount } kroner i forpliktelser som ikke var utbetalt, er frigjort.
cli-proposal-not-reviewed = Søknad { $id }: ikke vurdert ennå og ikke rangert (en saksbehandler må sende inn en vurdering først)
cli-proposal-award = Søknad { $id }: innvilg { $amount } kroner
cli-proposal-partial = Søknad { $id }: innvilg delvis, { $amount } kroner
cli-proposal-not-funded = Søknad { $id }: anbefalt, men rammen strekker ikke til
cli-proposal-reject = Søknad { $id }: avslå, { $reason }
cli-proposal-written = { $count } vedtak er skrevet.
cli-organisation-added = Organisasjonen { $id } er lagt til.
cli-serving = tilskot svarer på { $address }
cli-forecast-title = Prognose for { $year } per { $month }: registeret til og med { $through }, prognosen etter det
cli-forecast-post = kap./post
cli-forecast-accrued = opptjent til da
cli-forecast-expected-rest = ventet resten
cli-forecast-expected-total = ventet i alt
cli-forecast-allocation = bevilgning
cli-forecast-difference = mindre(+)/mer(−)
cli-forecast-rolling-title = Prognoser for { $year } laget ved utgangen av hver måned, ved siden av utfallet (hele registeret)
cli-forecast-as-of = per
cli-forecast-outcome = utfall
cli-forecast-rates = Satsene for { $year } fra { $folder }:
cli-forecast-not-adopted = Noen satser har status «{ $status }» og er ikke vedtatt: en prognose kan bruke dem, en utbetaling kan ikke.
cli-forecasting = lager prognosen
cli-warning-sheet-not-read = arket «{ $other }» har også data og ble ikke lest (arket «{ $sheet }» ble lest; velg et annet med --sheet)
cli-generating = lager registeret
cli-generated = { $file }: { $events } hendelser for { $from }–{ $to } (frø { $seed }, skala { $scale })
problem-file-missing = filen finnes ikke
problem-file-forbidden = tilskot har ikke lov til å lese filen
problem-file-unreadable = filen kan ikke leses
problem-not-utf8 = filen er ikke UTF-8-tekst (lagre den fra Excel som «CSV UTF-8»)
problem-malformed-csv = filen er ikke gyldig CSV her (se etter et anførselstegn som ikke er lukket)
problem-row-width = raden har { $fields } felt, overskriften har { $header }
problem-file-empty = filen er tom: den mangler overskriftsrad
problem-workbook-unreadable = arbeidsboken kan ikke åpnes
problem-no-sheet = arbeidsboken har ikke noe ark som heter «{ $sheet }»
problem-no-visible-sheet = arbeidsboken har ikke noe synlig ark
problem-sheet-unreadable = arket «{ $sheet }» kan ikke leses
problem-sheet-empty = arket «{ $sheet }» er tomt: det mangler overskriftsrad
problem-date-cell = datocellen { $cell } er utenfor det som kan være en dato
problem-error-cell = cellen har feilverdien { $error } fra regneark
problem-missing = mangler
problem-header = overskriften må være nøyaktig { $columns }
problem-identifier-too-long = lengre enn { $max } tegn
problem-not-an-identifier = «{ $text }» er ikke en gyldig ID: bokstaver A–Z, sifre, «.», «_» og «-», og første tegn er en bokstav eller et siffer
problem-not-true-or-false = «{ $text }» er verken true eller false
problem-in-the-future = { $date } er frem i tid
problem-case-differs = «{ $id }» skiller seg bare i store og små bokstaver fra personen «{ $known }»; da er det samme person: skriv { $known }
problem-not-a-country = «{ $text }» er ikke en landkode etter ISO 3166-1 alpha-2
problem-born-after-event = født { $birth }, etter datoen til hendelsen, { $date }
problem-born-date = datoen til en «born»-hendelse er fødselsdatoen
problem-unknown-event = ukjent hendelse «{ $text }» (settled, born, moved, exited, eller withdrawn_ foran en av dem for å rette en hendelse som ble registrert ved en feil)
problem-missing-for-event = mangler for en «{ $kind }»-hendelse
problem-withdraws-unknown = trekker tilbake en «{ $kind }»-hendelse for { $person } den { $date } som ikke finnes i registeret med disse feltene
problem-born-before-mother = { $person } er født { $date }, før moren ble bosatt { $settled }: et barn født før bosettingen blir bosatt sammen med moren
problem-mother-not-settled = moren { $mother } til { $person } er ikke bosatt i registeret
problem-not-a-date = «{ $text }» er ikke en dato på formen ÅÅÅÅ-MM-DD
problem-date-too-early = «{ $text }» er før 1.1.{ $year }, den tidligste datoen som blir tatt imot
problem-not-a-municipality-number = «{ $text }» er ikke et firesifret kommunenummer
problem-unknown-municipality = kommune { $number } er ikke en av de { $count } kommunene i 2020–2023
problem-unknown-basis = «{ $text }» er ikke et grunnlag (asylum, resettlement, collective, family, family_humanitarian)
problem-too-many-columns = flere enn { $count } kolonner
problem-not-a-month = «{ $text }» er ikke en måned på formen ÅÅÅÅ-MM
problem-month-outside-year = { $month } er utenfor prognoseåret { $year }
problem-month-not-after = { $month } er ikke etter prognosemåneden { $as_of }: registeret forteller om de månedene
problem-not-a-count = «{ $text }» er ikke et helt tall på 0 eller mer
problem-count-too-large = { $count } er flere enn { $max } personer på én rad
problem-unknown-category = «{ $text }» er ikke en kategori (single_adult, adult, child, unaccompanied_minor, elderly)
problem-not-an-amount = «{ $text }» er ikke et beløp i kroner: sifre og ett desimalpunktum, ingen eksponent
problem-amount-too-large = «{ $text }» er over det største beløpet som blir tatt imot, 100 000 000 000 kroner
problem-amount-decimals = «{ $text }» har mer enn to desimaler
problem-not-grant-number = «{ $text }» er verken 1 eller 2
problem-unknown-decision = «{ $text }» er ikke awarded, partly_awarded eller rejected
problem-negative = { $text } er negativt
problem-not-grant-year = «{ $text }» er ikke et tilskuddsår (1, 2, …)
problem-grant1-no-expenses = tilskudd 1 er et fast beløp: la documented_expenses stå tom
problem-grant2-expenses = tilskudd 2 krever de dokumenterte utgiftene
problem-reason-needed = en delvis innvilgelse eller et avslag må ha en grunn
problem-reason-too-long = høyst { $max } tegn på én linje
problem-note-before = { $placement ->
    [withdrawal] etter denne tilbaketrekningen:{ " " }
   *[other] { "" }
}
problem-note-after = { $placement ->
    [row] { "" }
   *[other] { " " }(hendelsen «{ $kind }» er allerede i databasen)
}
problem-not-settled = { problem-note-before }«{ $kind }»-hendelsen gjelder { $person }, som ikke er bosatt i registeret{ problem-note-after }
problem-after-exit = { problem-note-before }«{ $kind }»-hendelsen den { $date } kommer etter at personen flyttet ut { $exit }{ problem-note-after }
problem-second-entry = { problem-note-before }{ $person } er bosatt eller født en gang til (første gang { $first }, { $first_at ->
    [stored] allerede i databasen
   *[other] rad { $first_at }
}){ problem-note-after }
problem-before-settlement = { problem-note-before }«{ $kind }»-hendelsen den { $date } kommer før personen ble bosatt { $settled }{ problem-note-after }
problem-move-to-same = { problem-note-before }flytting til { $municipality }, der { $person } allerede bor{ problem-note-after }
problem-account-closed-year = konto { $account } har posteringer i { $year }, som er avsluttet: gruppen og linjen står som { $group } { $line }
problem-allocation-closed-year = regnskapsåret { $year } er avsluttet: tildelingen til { $key } i { $year } blir ikke endret
problem-balance-line = linjen til en balansekonto er «statskasselinje|note8-linje»
problem-chart-line-none = oppstillingene har ingen linje «{ $line }» for en konto i gruppen { $group }: kontoer i denne gruppen har ingen linje
problem-chart-line-unknown = oppstillingene har ingen linje «{ $line }» for en konto i gruppen { $group } (kjente linjer: { $known })
problem-control-character = har kontrolltegnet { $character }; bilagsnummer og tekst er én linje med tekst som kan skrives ut
problem-treasury-line = mellomværendet med statskassen har ingen linje «{ $line }»
problem-note8-line = note 8 har ingen linje «{ $line }»
problem-not-a-budget-key = «{ $text }» er ikke kapittel.post som 0671.60
problem-unknown-budget-key = ukjent kapittel/post { $key }
problem-not-a-year = «{ $text }» er ikke et årstall
problem-not-an-account = «{ $text }» er ikke et kontonummer
problem-twice = { $text } står to ganger
problem-unknown-group = ukjent gruppe «{ $text }»
problem-not-expense-or-income = «{ $text }» er verken expense eller income
problem-not-whole-kroner = «{ $text }» er ikke hele kroner: tildelinger er i hele kroner
problem-unknown-account = ukjent konto «{ $text }»
problem-voucher-other-date = bilag { $voucher } er datert { $date } på en tidligere rad
problem-voucher-unbalanced = bilag { $voucher } går ikke i balanse: posteringene summerer seg til { $sum }
problem-after-deadline = { $rule }: mottatt { $received }, etter fristen { $due }
problem-no-rules-year = det finnes ingen satser for budsjettåret { $year }
problem-not-target-group = { $rule }: personen er ikke i målgruppen for integreringstilskuddet
problem-need-before-settlement = { $rule }: funksjonsnedsettelsen eller atferdsvanskene må ha oppstått før bosettingen
problem-special-agreement = { $rule }: en person bosatt på grunnlaget { $basis } trenger en særskilt avtale
problem-not-lived-in = { $rule }: { $municipality } var ikke kommunen til personen i noen måned i { $year }
problem-deadline-passed = { $rule }: fristen { $due } har gått ut; en forlengelse må søkes om før fristen
problem-extension-not-later = { $rule }: { $until } er ikke etter fristen { $due }
problem-grant-years = { $rule }: tilskudd { $grant } gjelder tilskuddsår 1 til { $last } for denne personen, ikke { $year }
problem-grant-clash = { $rule }: søknad { $reference } søker allerede om tilskudd { $grant } i tilskuddsår { $year } for denne personen
problem-rejection-awards-nothing = R15/R16: et avslag gir ingenting, ikke { $amount }
problem-more-than-allowed = R15/R16: { $amount } er mer enn de { $allowed } som reglene tillater
problem-awarded-is-whole = R15/R16: awarded betyr hele beløpet, { $allowed }; { $amount } er partly_awarded
problem-partly-needs-amount = R15/R16: partly_awarded krever et beløp over 0
problem-no-application = det finnes ingen søknad { $reference }
problem-before-received = før søknaden ble mottatt { $received }
problem-person-gone = personen { $person } er ikke lenger i registeret
problem-reference-taken = { $reference } er allerede lagret med annet innhold: en ny søknad får en ny referanse
problem-reference-twice = { $reference } står også på rad { $first }
problem-no-person = det finnes ingen person { $person } i registeret
error-database-not-initialised = Databasen { $database } er ikke klargjort. Kjør «tilskot init --start-period ÅÅÅÅ-MM» først.
error-database-url = Databaseadressen «{ $database }» kan ikke brukes. Bruk sqlite://FIL eller postgres://…
error-database-missing = Databasen { $database } finnes ikke. Kjør «tilskot init --start-period ÅÅÅÅ-MM» for å lage den.
error-role-disability = Bare en saksbehandler for tilskuddet ved nedsatt funksjonsevne kan lese inn, avgjøre eller forlenge søknader, og { $user } er ikke det.
error-events-per-person = --events-per-person må være minst 1.
error-from-after-to = --from { $from } er etter --to { $to }.
error-scale = --scale må være over 0.
error-cannot-write = { $path } kan ikke skrives eller lages.
error-admin-needed = En ny database trenger sin første administrator: gi --admin NAVN.
problem-not-a-user-name = «{ $text }» er ikke et brukernavn: 1–32 tegn av bokstaver, sifre, «.», «_» og «-».
problem-password-length = Et passord har { $min } til { $max } tegn.
problem-full-name-length = Det fulle navnet har 1 til 100 tegn.
problem-no-scheme = Det finnes ingen ordning «{ $scheme }». «tilskot scheme list» viser ordningene.
problem-unknown-title = «{ $text }» er ikke en tittel: adviser, senior_adviser, director eller head_of_section.
problem-unknown-role = «{ $text }» er ikke en rolle: finance_officer, approver, caseworker, applicant, finance, auditor eller admin.
demo-database = Database: { $database } (tilskot betaler fra { $year }-01)
demo-register = Register: { $file } ({ $events } hendelser, 2018–{ $year }, frø { $seed }, skala { $scale })
demo-imported = { $events } hendelser lest inn
demo-disability = Tilskudd ved nedsatt funksjonsevne: { $applications } søknader ({ $file }), { $decided } vedtak av { $caseworker } ({ $decisions })
demo-batch = Utbetaling { $period }: { $lines } linjer, { $total } kroner, satser: { $rates }
demo-forecast = Prognosen for { $line } med bosettingsprognosen fra mars ({ $need } bosettinger i { $year }; { $file }):
demo-forecast-month = laget ved utgangen av { $month }: { $total } kroner ({ $above } kroner over utfallet)
demo-forecast-outcome = utfall (hele registeret): { $outcome } kroner; bevilgning { $allocation } kroner
demo-jobbsjansen = Jobbsjansen 2022: { $applications } søknader om { $applied } kroner mot en ramme på { $frame } kroner
demo-jobbsjansen-outcome = innvilget { $awarded } kroner; utbetalt { $paid } kroner; frigjort ved årsslutt { $released } kroner; mindreforbruk { $underspend } kroner
demo-rates-note = MERK: satsene bak disse utbetalingene er ikke vedtatt (svakeste status: { $status }). Plassholdersatser er valgt av prosjektet for at motoren skal kunne kjøre; de er ikke virkelige satser. Se «tilskot rules show --year { $year }».
demo-look = Se på:
demo-look-overview = { $file }  (oversikt per kommune og tilskudd, summer per kapittel/post ved siden av årsrapporten)
demo-look-batches = { $folder }/batch-{ $year }-MM.csv og .html  (én per månedlig utbetaling)
demo-look-payments = { $folder }/TS-*.xml  (betalingsfilene i pain.001, én per betalt utbetaling)
demo-look-show = «tilskot --db sqlite://{ $database } batch show --period { $year }-07»
demo-look-serve = «tilskot --db sqlite://{ $database } serve --today { $today } --insecure-cookies», så http://127.0.0.1:8080/ som { $applicant } (søker), { $caseworker } (saksbehandler) eller { $finance } (økonomi), passord { $password } (--today { $today }: året som blir spilt av, er over, så sidene viser det utbetalt, frigjort og med utlysningene lukket)
demo-look-forecast = { $file }  (prognosen for 2022 laget i hver måned, ved siden av utfallet og bevilgningen)
demo-done = Ferdig på { $elapsed }.
error-no-call = Det finnes ingen utlysning av ordningen { $scheme } for { $year }. «tilskot scheme list» viser utlysningene.
error-no-organisation = Det finnes ingen organisasjon { $id }.
error-no-scheme-application = Det finnes ingen søknad { $id }.
error-statements-not-written = Oppstillingene for { $year } ble ikke skrevet: de stemmer ikke med sine egne kontroller. Loggmeldingen over sier hva som ikke stemmer.
error-anchor-file = Ankerfilen { $file } kan ikke leses som ankerpunkt for revisjonsloggen.
error-cannot-read = { $path } kan ikke leses.
error-as-of = --as-of { $as_of } er ikke en måned i { $year } eller året før.
error-apply-needs-user = --apply fatter vedtak: navngi saksbehandleren med --user.
problem-unknown-applicant-kind = «{ $text }» er ikke municipality, county eller voluntary_organisation.
problem-organisation-id = «{ $text }» er ikke et gyldig nummer for denne typen søker: en kommune har kommunenummeret sitt (fire sifre), en fylkeskommune eller en frivillig organisasjon har organisasjonsnummeret sitt (ni sifre med riktig kontrollsiffer).
basis-asylum = asyl
basis-resettlement = overføringsflyktning
basis-collective = kollektiv beskyttelse
basis-family = familiegjenforening med flyktning
basis-family-humanitarian = familiegjenforening med person med opphold på humanitært grunnlag
event-settled = bosetting
event-born = fødsel
event-moved = flytting
event-exited = utflytting eller død
explain-person = Person { $person }: født { $birth }, bosatt { $date } i { $municipality }, grunnlag: { $basis }, land { $country }, kategori: { $category }
explain-person-born = Person { $person }: født { $birth } i { $municipality } etter at moren ble bosatt, grunnlag (morens): { $basis }, land { $country }, kategori: { $category }
explain-accruals-heading = Opptjening:
explain-no-accruals = ingen i de forklarte månedene
explain-accrual = { $period } { $grant }: { $amount } kroner til { $municipality }
explain-rate = sats: { $amount } kroner for { $year } ({ $status ->
         [adopted] vedtatt
         [proposed] foreslått
         [inferred] utledet
         [unverified] ikke bekreftet
        *[placeholder] plassholder
    })
explain-before-start = før startmåneden: betalt av det forrige systemet
explain-why = hvorfor: { $why }
explain-payments-heading = Utbetalinger:
explain-no-payments = ingen
explain-payment = utbetalingen for { $period }, kjøring { $run }: { $grant }, { $amount } kroner til { $municipality }
explain-payment-set-off = utbetalingen for { $period }, kjøring { $run }: { $grant }, { $amount } kroner til { $municipality } (motregning)
explain-nothing-due-heading = Ingenting å betale ut:
grant-short-integration = integreringstilskudd
grant-short-minor = tilskudd for enslige mindreårige
grant-short-norwegian = norsktilskudd
explain-withdrawn-heading = Trukket tilbake fordi de ble registrert ved en feil:
explain-withdrawn = { $kind } { $date }
explain-withdrawn-in = { $kind } { $date } i { $municipality }
explain-disability-heading = Tilskudd ved nedsatt funksjonsevne (R14–R19):
explain-disability-application = { $reference }: tilskudd { $grant }, tilskuddsår { $year } ({ $calendar }), { $municipality }, mottatt { $received }
explain-disability-allowed-1 = høyst { $amount } kroner (R15: satsen for tilskudd 1 i { $calendar })
explain-disability-allowed-2 = høyst { $amount } kroner (R16: de dokumenterte utgiftene, men ikke mer enn satsen for tilskudd 2 i { $calendar })
explain-disability-no-rates = reglene har ingen satser for { $calendar }, så hvor mye som kan innvilges, er ikke kjent
explain-decision = { $date } { $kind }: { $amount } kroner, av { $user }
explain-decision-reason = { $date } { $kind }: { $amount } kroner, av { $user }: { $reason }
explain-disability-in-force = gjelder: { $amount } kroner, opptjent i { $period } (R19, måneden for det første vedtaket)
explain-disability-undecided = ikke avgjort ennå
explain-born-in-window = født { $born }, { $days } dager etter at moren { $mother } ble bosatt { $settled } (R7): regnes som bosatt, kategori barn
explain-year1-unaccompanied = bosatt { $settled }, grunnlag: { $basis }, { $age } år og enslig: engangssum for tilskuddsår 1, kategori: { $category } (R1, R3)
explain-year1-child = bosatt { $settled }, grunnlag: { $basis }, { $age } år: engangssum for tilskuddsår 1, kategori: { $category } (R1, R3)
explain-year1-single = bosatt { $settled }, grunnlag: { $basis }, { $age } år og den eneste i husstand { $household } som ble bosatt den dagen: engangssum for tilskuddsår 1, kategori: { $category } (R1, R3)
explain-year1-adult = bosatt { $settled }, grunnlag: { $basis }, { $age } år og en av { $members } i husstand { $household } som ble bosatt den dagen: engangssum for tilskuddsår 1, kategori: { $category } (R1, R3)
explain-later-year = tilskuddsår { $year } av { $years } (tilskuddsårene telles fra { $clock }): månedsdelen av årssatsen (R2, R4; satsen for måneden, R0)
explain-elderly = { $age } år på bosettingsdatoen { $settled }, 60 år eller eldre (R8)
explain-kindergarten = { $age } år på bosettingsdatoen { $settled }, under 6 år (R8)
explain-minor-high = enslig mindreårig som fyller { $turns } i { $year }: høy sats til og med året personen fyller 16; utbetales til og med desember det året personen fyller 20 (R9, R10)
explain-minor-low = enslig mindreårig som fyller { $turns } i { $year }: lav sats fra året personen fyller 17; utbetales til og med desember det året personen fyller 20 (R9, R10)
explain-norwegian-low = { $age } år ved bosettingen, grunnlag: { $basis }, land { $country }: lav sats, tilskuddsår { $year } (R11)
explain-norwegian-high = { $age } år ved bosettingen, grunnlag: { $basis }, land { $country }: høy sats, tilskuddsår { $year } (R11)
explain-collective-rate = kollektiv beskyttelse: én engangssum for tilskuddsår 1 etter satsen for kollektiv beskyttelse det året, ingen tilskuddsår 2 og 3 (R12)
explain-collective-ordinary = kollektiv beskyttelse: én engangssum for tilskuddsår 1 etter den vanlige satsen, siden året ikke har egen sats for kollektiv beskyttelse, ingen tilskuddsår 2 og 3 (R12)
explain-by-rule = etter regel { $rule } ({ $name })
explain-settled-in = bosatt { $date } i { $municipality }
explain-born-where = født i { $municipality }, der moren { $mother } bodde
explain-moved = flyttet { $date }, ny kommune { $municipality } fra { $from } (R5)
explain-moving = flyttet { $date } til { $municipality }, som tar over fra { $from } (R5)
explain-exited = flyttet ut eller døde { $date }: månedene etter { $period } gir ikke tilskudd (R6)
explain-born-outside-window = født { $days } dager etter at moren ble bosatt { $settled }, mer enn { $limit } dager (R7)
explain-integration-ended = de { $years } tilskuddsårene for grunnlaget «{ $basis }» tok slutt i { $last } (R1, R2)
explain-integration-no-month = ingen av de forklarte månedene er i et tilskuddsår som gir tilskudd (R2)
explain-minor-category = ikke enslig mindreårig på bosettingsdatoen (kategori: { $category }) (R9)
explain-minor-ended = tilskuddet tok slutt i desember { $year } (R9)
explain-norwegian-born = et barn som er født etter bosettingen, er ikke i målgruppen for norsktilskuddet (R11)
explain-norwegian-age = { $age } år på bosettingsdatoen, utenfor { $from }–{ $to } år (R11)
explain-norwegian-collective = kollektiv beskyttelse gir bare én engangssum for tilskuddsår 1 (R12)
explain-norwegian-timing = de tre engangssummene faller i bosettingsmåneden og de to neste januarmånedene (R11)
person-rate = Sats
person-why = Hvorfor
help = Tilskuddsforvaltning og utbetaling for et statlig integreringsdirektorat
help-arg-db = Databasen: sqlite://FIL eller postgres://…; bare `init` lager en ny
help-arg-rules = Mappen med regelfilene (<år>.toml)
help-arg-lang = Målformen tilskot skriver: nn (nynorsk, standard) eller nb (bokmål)
help-init = Lag databaseskjemaet og skriv ned måneden tilskot betaler fra
help-init-arg-start-period = Opptjening før denne måneden ble betalt av det forrige systemet
help-init-arg-admin = Den første administratoren (må oppgis for en ny database); passordet er TILSKOT_PASSWORD, ellers blir du spurt i terminalen
help-rules = Kontroller eller vis satsene i regelfilene
help-rules-check = Kontroller hver regelfil
help-rules-show = Vis satsene for et år med status og kilde
help-rules-show-arg-year = Året
help-register = Bosettingsregisteret
help-register-import = Les inn en registerfil (CSV eller XLSX): alle hendelsene eller ingen
help-register-import-arg-file = Registerfilen
help-register-import-arg-sheet = Arket i arbeidsboken som skal leses (standard: det første synlige)
help-register-import-arg-user = Hvem som leser inn: økonomi eller en administrator (med passordet i TILSKOT_PASSWORD); skrevet i revisjonsloggen
help-accruals = Vis opptjeningen per kommune, tilskudd og måned
help-accruals-arg-from = Den første måneden (ÅÅÅÅ-MM)
help-accruals-arg-to = Den siste måneden (ÅÅÅÅ-MM)
help-accruals-arg-format = Utdataformatet
help-disability = Tilskudd ved nedsatt funksjonsevne, etter søknad: innlesing, utsettelse, vedtak og status
help-disability-import = Les inn søknader (CSV eller XLSX): alle radene eller ingen, én gang per referanse. Kolonner: «reference,municipality,person_id,grant,grant_year,documented_expenses,originated_before_settlement,special_agreement,received»
help-disability-import-arg-file = Søknadsfilen
help-disability-import-arg-user = En saksbehandler for tilskuddet (med passordet i TILSKOT_PASSWORD); skrevet i revisjonsloggen
help-disability-extend = Utsett fristen for en søknad (R18); må bes om før fristen går ut
help-disability-extend-arg-reference = Referansen til søknaden
help-disability-extend-arg-until = Den nye fristen (ÅÅÅÅ-MM-DD)
help-disability-extend-arg-user = En saksbehandler for tilskuddet
help-disability-decide = Registrer vedtak (kolonner «reference,decision,amount,reason,date»): alle radene eller ingen; et senere vedtak på en referanse erstatter det forrige
help-disability-decide-arg-file = Vedtaksfilen
help-disability-decide-arg-user = En saksbehandler for tilskuddet
help-disability-status = Køen for et år: mottatte, avgjorte og innvilgede søknader, restansene etter alder og saksbehandlingstiden fra mottak til vedtak
help-disability-status-arg-year = Året
help-forecast = Prognose for et budsjettår med de samme reglene som betaler: registeret til og med en måned og en prognose etter den, mot bevilgningen (F1–F3)
help-forecast-arg-year = Budsjettåret
help-forecast-arg-as-of = Måneden prognosen lages ved utgangen av: registeret til og med den, prognosen etter den
help-forecast-arg-rolling = Prognosen slik den var ved utgangen av hver måned i året, ved siden av utfallet
help-forecast-arg-prognosis = Ventede bosettinger (CSV eller XLSX): «month,municipality,basis,category,country,count»
help-forecast-arg-sheet = Arket i arbeidsboken som skal leses (standard: det første synlige)
help-forecast-arg-format = Utdataformatet
help-batch = Månedlige utbetalinger
help-batch-run = Regn ut og lagre utbetalingen for en måned
help-batch-run-arg-period = Måneden (ÅÅÅÅ-MM)
help-batch-run-arg-user = Saksbehandleren i økonomi (eller økonomibrukeren) som regner ut
help-batch-attest = Attester (kontroller) den gjeldende kjøringen for en måned
help-batch-attest-arg-period = Måneden (ÅÅÅÅ-MM)
help-batch-attest-arg-user = Den som attesterer
help-batch-approve = Godkjenn (anvis) en attestert utbetaling; den som attesterte, kan ikke
help-batch-approve-arg-period = Måneden (ÅÅÅÅ-MM)
help-batch-approve-arg-user = Den som godkjenner
help-batch-reject = Avvis en attestert eller godkjent utbetaling tilbake til utregnet, med en begrunnelse
help-batch-reject-arg-period = Måneden (ÅÅÅÅ-MM)
help-batch-reject-arg-user = Den som avviser
help-batch-reject-arg-reason = Hvorfor utbetalingen blir avvist
help-batch-pay = Betal en godkjent utbetaling, nøyaktig én gang, og skriv betalingsfilen (pain.001)
help-batch-pay-arg-period = Måneden (ÅÅÅÅ-MM)
help-batch-pay-arg-out = Mappen betalingsfilen skal til
help-batch-pay-arg-allow-unverified-rates = Betal selv om satser ikke er vedtatt; det blir skrevet på utbetalingen
help-batch-pay-arg-user = Saksbehandleren i økonomi som sender betalingen
help-batch-list = Vis hver kjøring i hver måned (eller i ett år) med status, størrelse, sum, satser og hvem som attesterte og godkjente: hva som venter på hvem
help-batch-list-arg-year = Bare dette året
help-batch-show = Vis utbetalingen for en måned (alle kjøringene, eller én)
help-batch-show-arg-period = Måneden (ÅÅÅÅ-MM)
help-batch-show-arg-run = Bare denne kjøringen
help-batch-show-arg-format = Utdataformatet
help-explain = Forklar opptjeningen og utbetalingene for en person
help-explain-arg-person = Personen (id-en i registeret)
help-explain-arg-period = Bare opptjeningen og utbetalingene i denne måneden
help-accounts = Regnskapet: les inn kontoplan, budsjettlinjer, bevilgninger og hovedbok
help-accounts-import = Les inn regnskapsfiler, alle eller ingen; de samme filene to ganger legger ikke til noe
help-accounts-import-arg-chart = Kontoplanen
help-accounts-import-arg-budget = Budsjettlinjene
help-accounts-import-arg-allocations = Bevilgningene
help-accounts-import-arg-ledger = Hovedboken
help-accounts-import-arg-user = Hvem som leser inn: økonomi eller en administrator (med passordet i TILSKOT_PASSWORD); skrevet i revisjonsloggen
help-report = Årsregnskapet og journalen til revisoren
help-report-statements = Skriv årsregnskapet for et år: ni CSV-filer eller ett HTML-dokument
help-report-statements-arg-year = Året
help-report-statements-arg-format = Utdataformatet
help-report-statements-arg-out = Mappen (CSV) eller filen (HTML) regnskapet skal til
help-report-statements-arg-anchor = Ankerfilen ved siden av utboksen for betalinger: alle kontrollene går først, revisjonskjeden mot denne
help-report-journal = Skriv regnskapet for året som en hledger-journal
help-report-journal-arg-year = Året
help-report-journal-arg-out = Filen journalen skal til
help-user = Brukere og rollene deres
help-user-add = Legg til en bruker, eller endre passordet, rollen, organisasjonen eller ordningene til en, som administrator (`--user`, passordet i TILSKOT_PASSWORD). Passordet til den nye brukeren er TILSKOT_NEW_PASSWORD, ellers blir du spurt i terminalen
help-user-add-arg-user = Administratoren som legger til brukeren
help-user-add-arg-name = Brukernavnet
help-user-add-arg-role = Rollen: finance_officer (saksbehandler i økonomi), approver (godkjenner), caseworker (saksbehandler), applicant (søker), finance (økonomi), auditor (revisor) eller admin (administrator)
help-user-add-arg-organisation = Organisasjonen til en søker
help-user-add-arg-schemes = Ordningene til en saksbehandler (gjenta for flere)
help-user-signature = Angi hvordan en bruker signerer vedtaksbrev: fullt navn og tittel, som administrator (`--user`)
help-user-signature-arg-user = Administratoren
help-user-signature-arg-name = Brukernavnet
help-user-signature-arg-full-name = Det fulle navnet under brevet («Kari Nordmann»)
help-user-signature-arg-title = Tittelen: adviser (rådgiver), senior_adviser (seniorrådgiver), director (direktør) eller head_of_section (seksjonssjef)
help-user-disable = Steng en bruker som slutter, som administrator (`--user`): brukeren kan ikke lenger logge inn eller handle, øktene blir avsluttet, og navnet står igjen på alt brukeren gjorde
help-user-disable-arg-user = Administratoren
help-user-disable-arg-name = Brukernavnet
help-user-enable = La en stengt bruker handle igjen, som administrator (`--user`)
help-user-enable-arg-user = Administratoren
help-user-enable-arg-name = Brukernavnet
help-user-list = Vis alle brukerne med rolle, organisasjon, ordninger og om de kan handle, som administrator eller revisor (`--user`)
help-user-list-arg-user = Administratoren eller revisoren
help-scheme = Skjønnsmessige ordninger: utlysninger, rammer, organisasjoner, brukere på nett, fordeling, utbetaling og frigjøring av tilsagn
help-scheme-load = Les inn ordningene (utlysninger, rammer, kriterier) fra en TOML-fil
help-scheme-load-arg-file = TOML-filen
help-scheme-list = Vis utlysningene med rammene deres
help-scheme-status = Ramme, innvilget, utbetalt, frigjort, utestående og tilgjengelig for en utlysning
help-scheme-status-arg-scheme = Ordningen
help-scheme-status-arg-year = Året
help-scheme-organisation = Legg til en søkerorganisasjon (en kommune med kommunenummeret, en fylkeskommune eller en frivillig organisasjon med organisasjonsnummeret)
help-scheme-organisation-arg-id = Kommunenummeret eller organisasjonsnummeret
help-scheme-organisation-arg-name = Navnet på organisasjonen
help-scheme-organisation-arg-kind = Typen: municipality (kommune), county (fylkeskommune) eller voluntary_organisation (frivillig organisasjon)
help-scheme-organisation-arg-user = Administratoren som legger den til (med passordet i TILSKOT_PASSWORD); skrevet i revisjonsloggen
help-scheme-propose = Vis fordelingen rangeringen foreslår; med --apply blir den skrevet som vedtak, hvert i sin egen transaksjon med kontroll mot rammen
help-scheme-propose-arg-scheme = Ordningen
help-scheme-propose-arg-year = Året
help-scheme-propose-arg-apply = Gjør forslaget til vedtak
help-scheme-propose-arg-user = Saksbehandleren som fatter vedtak med --apply (med passordet i TILSKOT_PASSWORD); skrevet på hvert vedtak
help-scheme-pay = Betal forpliktelsen til et tilsagn og før den i regnskapet
help-scheme-pay-arg-application = Søknaden
help-scheme-pay-arg-date = Betalingsdatoen (standard: i dag); den må være i året til ordningen
help-scheme-pay-arg-user = Brukeren som handler (med passordet i TILSKOT_PASSWORD)
help-scheme-release = Frigjør en forpliktelse som ikke er betalt, tilbake til rammen
help-scheme-release-arg-application = Søknaden
help-scheme-release-arg-reason = Hvorfor forpliktelsen blir frigjort
help-scheme-release-arg-user = Brukeren som handler (med passordet i TILSKOT_PASSWORD)
help-scheme-close-year = Årsslutt: frigjør hver forpliktelse i en utlysning som ikke er betalt, og vis mindreforbruket
help-scheme-close-year-arg-scheme = Ordningen
help-scheme-close-year-arg-year = Året
help-scheme-close-year-arg-user = Brukeren som handler (med passordet i TILSKOT_PASSWORD)
help-serve = Kjør nettløsningen (sider og JSON-API)
help-serve-arg-addr = Adressen og porten tjeneren lytter på
help-serve-arg-today = Bruk denne datoen som dagens dato (utlysninger, betalinger); til demonstrasjoner
help-serve-arg-insecure-cookies = Øktinformasjonskapsler uten `Secure` og `__Host-`, for vanlig HTTP på localhost; uten dette valget trenger de HTTPS
help-check = Kjør alle kontrollene tilskot kjenner: revisjonskjeden og ankeret dens, linjene i hver utbetaling mot hashene deres, at bilag balanserer, kravene til årsregnskapet for hvert år med posteringer, regelfilene, hver ramme mot forpliktelsene, og registerbildet og sidene med registerhendelser mot hendelsene. Med --user blir overleveringen til banken rettet opp først (betalingsfiler til utboksen når betalingen er lagret, ellers til void/). Avslutter med 1 og navngir hver feil
help-check-arg-out = Utboksen for betalingsfiler (ankerfilen ligger ved siden av)
help-check-arg-user = Hvem som retter opp overleveringen (med passordet i TILSKOT_PASSWORD)
help-check-arg-year = Kontroller bare årsregnskapet for dette året
help-close-year = Lukk et år: kjør alle kontrollene, frigjør hver forpliktelse i året som ikke er betalt, og lås året: ingen bilag, utbetalinger, tilsagn, betalinger, frigjøringer, bevilgninger eller regnskapslinjer for en konto med posteringer endrer seg i det lenger
help-close-year-arg-year = Året
help-close-year-arg-user = En økonomibruker eller en revisor (med passordet i TILSKOT_PASSWORD)
help-close-year-arg-out = Utboksen for betalingsfiler (ankerfilen ligger ved siden av)
help-audit = Revisjonsloggen over endringene i utbetalingene
help-audit-verify = Regn ut hashkjeden på nytt, hash de lagrede linjene i hver utbetaling mot oppføringene, kontroller at hver status har sin oppføring, og kontroller kjeden mot ankerfilen som skrives ved hver betaling
help-audit-verify-arg-anchor = Ankerfilen (ved siden av utboksen for betalinger)
help-audit-log = Skriv hver oppføring i revisjonsloggen som CSV, med feltene hashen dekker, til revisorens egne verktøy
help-bench = Mål innlesing, opptjening, utbetalingene for 2022 og årsregnskapet for en million posteringer, i en skala av volumet i årsrapporten
help-bench-arg-scale = Skalaen: 1 er volumet i årsrapporten
help-bench-arg-dir = Mappen registeret og SQLite-databasen skrives til
help-bench-arg-compare-openfisca = Mål også OpenFisca-modellen av integreringstilskuddet og tilskuddet for enslige mindreårige på det samme registeret (python3 med openfisca-core)
help-bench-arg-openfisca-model = OpenFisca-modellen det skal sammenlignes med
help-bench-arg-events-per-person = Til lasttester: flyttinger legges til til registeret har omtrent så mange hendelser per person
help-bench-arg-runs = Kjøringer av hvert steg, hver på en ny database og i en egen prosess; tabellen viser minste, median og største. Med `--db` bruker kjøringene etter den første en tom database `<navn>_run<N>` ved siden av den som er navngitt, laget og fjernet av målingen
help-generate = Skriv et syntetisk register formet etter årsrapporten
help-generate-arg-from = Det første bosettingsåret
help-generate-arg-to = Det siste bosettingsåret
help-generate-arg-seed = Frøet til tilfeldige tall: det samme frøet gir det samme registeret
help-generate-arg-scale = Skalaen: 1 er volumet i årsrapporten
help-generate-arg-events-per-person = Til lasttester: flyttinger legges til til registeret har omtrent så mange hendelser per person (det formede registeret har omtrent én)
help-generate-arg-out = Filen registeret skal til
help-demo = Hovedjobben på en ny SQLite-database: lag registeret for 2018–2022, kjør de tolv utbetalingene i 2022 og skriv rapportene
help-demo-arg-dir = Mappen databasen og rapportene skrives til
help-demo-arg-seed = Frøet til tilfeldige tall
help-demo-arg-scale = Skalaen: 1 er volumet i årsrapporten
cli-help-usage = Bruk
cli-help-commands = Kommandoer
cli-help-arguments = Argumenter
cli-help-options = Valg
cli-help-options-placeholder = [VALG]
cli-help-command-placeholder = KOMMANDO
cli-help-help = Vis denne hjelpen
cli-help-version = Vis versjonen
cli-help-default = standard: { $value }
cli-help-env = miljøvariabel: { $name }
cli-help-values = valg: { $values }
cli-help-exit-status = Avslutningsstatus: 0 ferdig; 1 inndata eller handlingen ble avvist (meldingen sier hvorfor); 2 noe gikk galt inne i tilskot (meldingen sier hva).
cli-value-addr = ADRESSE
cli-value-admin = BRUKER
cli-value-allocations = FIL
cli-value-anchor = FIL
cli-value-application = SØKNAD
cli-value-as-of = MÅNED
cli-value-budget = FIL
cli-value-chart = FIL
cli-value-date = DATO
cli-value-db = DATABASE
cli-value-dir = MAPPE
cli-value-events-per-person = ANTALL
cli-value-file = FIL
cli-value-format = FORMAT
cli-value-from = FRA
cli-value-full-name = NAVN
cli-value-id = NUMMER
cli-value-kind = TYPE
cli-value-lang = MÅLFORM
cli-value-ledger = FIL
cli-value-name = NAVN
cli-value-openfisca-model = FIL
cli-value-organisation = ORGANISASJON
cli-value-out = STED
cli-value-period = MÅNED
cli-value-person = PERSON
cli-value-prognosis = FIL
cli-value-reason = GRUNN
cli-value-reference = REFERANSE
cli-value-role = ROLLE
cli-value-rules = MAPPE
cli-value-run = KJØRING
cli-value-runs = ANTALL
cli-value-scale = SKALA
cli-value-scheme = ORDNING
cli-value-schemes = ORDNING
cli-value-seed = FRØ
cli-value-sheet = ARK
cli-value-start-period = MÅNED
cli-value-title = TITTEL
cli-value-to = TIL
cli-value-today = DATO
cli-value-until = DATO
cli-value-user = BRUKER
cli-value-year = ÅR
problem-not-a-language = «{ $text }» er ikke en målform tilskot skriver: nn (nynorsk) eller nb (bokmål)
cli-usage-unknown-argument = Kommandoen tar ikke imot «{ $arg }».
cli-usage-unknown-command = «{ $command }» er ikke en kommando her.
cli-usage-did-you-mean = Mente du «{ $suggestion }»?
cli-usage-missing = Dette mangler: { $args }
cli-usage-missing-command = Velg en av disse kommandoene: { $commands }
cli-usage-value-missing = { $arg } trenger en verdi.
cli-usage-choice = «{ $value }» er ikke et valg for { $arg }: velg mellom { $values }.
cli-usage-value = «{ $value }» er ikke en gyldig verdi for { $arg }.
cli-usage-not-a-number = «{ $value }» er ikke et tall.
cli-usage-not-a-whole-number = «{ $value }» er ikke et helt tall innenfor det som er tillatt her.
cli-usage-not-a-date = «{ $value }» er ikke en dato på formen ÅÅÅÅ-MM-DD.
cli-usage-repeated = { $arg } kan bare oppgis én gang.
cli-usage-conflict = { $arg } kan ikke brukes sammen med { $other }.
cli-usage-extra-value = «{ $value }» er én verdi for mye.
cli-usage-number-of-values = { $arg } trenger { $expected } verdier, men fikk { $actual }.
cli-usage-not-utf8 = Et argument er ikke gyldig UTF-8.
cli-usage-wrong = Kommandolinjen er ikke riktig.
cli-usage-see-help = Se «{ $command } --help».
cli-usage-or = eller
statement-check-note-a = Note A: samlet tildeling er lik overført fra året før pluss årets tildelinger
statement-check-note-b-maximum = Note B: mulig overførbart beløp er ikke større enn det som maksimalt kan overføres
statement-check-note-b-basis = Note B: mulig overførbart beløp er ikke større enn grunnlaget for overføring (eller 0)
statement-check-note-b-positive = Note B: mulig overførbart beløp er ikke negativt
statement-check-capital = Kapitalkontoene: netto rapportert, innbetalinger og utbetalinger over statskontoer og endringen i mellomværendet med statskassen går i null
statement-check-net = Netto rapportert er det samme i bevilgningsrapporteringen og artskontorapporteringen
statement-check-line-note = «{ $line }» i artskontorapporteringen er lik summen i { $note }
statement-check-note-total = «{ $total }» er lik summen av linjene sine
statement-check-treasury-lines = Mellomværendet med statskassen er lik summen av linjene sine
statement-check-note-8 = Note 8: rapportert mellomværende er lik mellomværendet med statskassen
report-batch-title = Utbetaling { $period }
report-batch-heading = Utbetaling av tilskudd, termin { $period }
report-batch-heading-run = Utbetaling av tilskudd, termin { $period } (tilleggskjøring { $run })
report-batch-intro = Beregnet { $computed }. Beløp i kroner; negative beløp er motregning i utbetalingen til kommunen.
report-batch-not-adopted = Satsene er ikke vedtatt.
report-batch-rates-warning = Utbetalingen er beregnet med satser der den svakeste statusen er «{ $status }». Plassholdersatser er aldri virkelige satser: beløpene viser motoren i arbeid, ikke det en kommune har krav på.
report-batch-empty = Ingen termin faller i denne måneden, eller ingenting er endret siden forrige termin: utbetalingen er tom.
report-municipality = Kommune
report-name = Navn
report-net = Netto
report-sum = Sum
report-overview-title = Utbetalinger { $year }
report-overview-heading = Utbetalinger av tilskudd til kommuner { $year }
report-overview-intro = { $persons } personer i bosettingsregisteret ({ $events } hendelser). De tolv månedlige utbetalingene i { $year } står nedenfor, hver med en CSV-fil og en HTML-side.
report-overview-not-adopted = Tallene bygger på satser som ikke er vedtatt.
report-overview-rates-warning = Den svakeste statusen til en sats bak dem er «{ $status }». Der statusen er «plassholder», fantes det ikke noe offisielt tall, og prosjektet valgte ett slik at motoren kan kjøre: summene er av den størrelsen årsrapporten viser, men de er ikke det noen kommune hadde krav på. «tilskot rules show --year { $year }» viser hver sats med status og kilde.
report-budget-lines = Sum per kapittel/post
report-chapter-post = Kap./post
report-paid = Utbetalt av tilskot
report-reported = Regnskap i årsrapporten
report-difference = Differanse
report-share = Andel av regnskapet
report-note = Merknad
report-note-disability-included = regnskapet inkluderer om lag 606 mill. kr i søknadsbasert tilskudd ved nedsatt funksjonsevne; demoen lager søknader av den størrelsen
report-batches = Utbetalinger
report-term = Termin
report-run = Kjøring
report-municipalities = Kommuner
report-rates = Satser
report-files = Filer
report-per-municipality = Per kommune og tilskudd
report-forecast-title = Prognose { $year }
report-forecast-heading = Prognose for { $year } per { $as_of }
report-forecast-rolling-heading = Prognoser for { $year } laget hver måned, mot utfallet
report-forecast-intro = Registeret slik det var ved utgangen av måneden, og personene prognosen venter bosatt etter det, regnet med de samme reglene og satsene som betaler ut.
report-forecast-rolling-intro = Hver rad er prognosen for hele året slik den ville vært laget ved utgangen av måneden: registeret til da, og prognosen for månedene etter. Utfallet er opptjent etter hele registeret.
report-forecast-accrued = Opptjent til og med
report-forecast-expected-rest = Ventet resten av året
report-forecast-expected-total = Ventet i alt
report-forecast-allocation = Bevilgning
report-forecast-difference = Ventet mindreforbruk (+) / merforbruk (−)
report-forecast-made = Laget per
report-forecast-outcome = Utfall
report-forecast-rates-from = Fra
report-forecast-rates-warning = Noen satser har status «{ $status }» og er ikke vedtatt. En prognose kan bruke dem; en utbetaling kan ikke.
report-forecast-rate = Sats
report-forecast-kroner = Kroner
report-forecast-status = Status
report-html = HTML
report-csv = CSV
rules-syntax = { $file }: linje { $line }: dette er ikke gyldig TOML
rules-not-a-year = { $file }: { $key }: { $value } er ikke et år
rules-year-not-file = { $file }: { $key }: filen heter { $stem }, men sier året { $year }
rules-lag-months = { $file }: { $key }: { $value } er ikke mellom 0 og 12 måneder
rules-country-code = { $file }: { $key }: «{ $code }» er ikke en landkode på to bokstaver (ISO 3166-1 alpha-2)
rules-duplicate-year = { $file }: { $key }: året { $year } finnes allerede i { $other }
rules-terms-not-array = { $file }: { $key }: må være en liste av tabeller [[payment_terms]]
rules-missing = { $file }: { $key }: mangler
rules-not-a-table = { $file }: { $key }: må være en tabell
rules-not-a-month = { $file }: { $key }: { $value } er ikke en måned (1–12)
rules-through = { $file }: { $key }: «{ $text }» er ikke den siste dagen i en måned (MM-DD)
rules-unknown-grant = { $file }: { $key }: «{ $text }» er ikke en tilskuddskode
rules-grant-without-term = { $file }: { $key }: ingen termin betaler «{ $grant }»
rules-two-terms = { $file }: { $key }: to terminer betaler «{ $grant }» i samme måned
rules-unknown-rate = { $file }: { $key }: ukjent sats
rules-missing-rate = { $file }: { $key }: satsen mangler
rules-not-integer = { $file }: { $key }: må være et heltall, men er { $found }
rules-negative = { $file }: { $key }: beløpet { $value } er negativt
rules-too-large = { $file }: { $key }: beløpet er for stort
rules-not-whole = { $file }: { $key }: { $value } er ikke et helt beløp: satsene er i hele kroner
rules-not-amount = { $file }: { $key }: må være et helt beløp i kroner, men er { $found }
rules-empty = { $file }: { $key }: kan ikke være tom
rules-not-string = { $file }: { $key }: må være en tekst, men er { $found }
rules-not-list = { $file }: { $key }: må være en liste av tekster
rules-status = { $file }: { $key }: «{ $text }» er ikke adopted, proposed, inferred, unverified eller placeholder
rules-unknown-key = { $file }: { $key }: ukjent nøkkel
rules-dir-unreadable = { $file }: mappen med regelfiler kan ikke leses
rules-file-unreadable = { $file }: filen kan ikke leses
rules-no-files = { $file }: mappen har ingen regelfiler (<år>.toml)
toml-type-string = en tekst
toml-type-integer = et heltall
toml-type-float = et desimaltall
toml-type-boolean = en sannhetsverdi
toml-type-datetime = et tidspunkt
toml-type-array = en liste
toml-type-table = en tabell
rules-schemes-shape = { $file }: linje { $line }: dette passer ikke med formen til en ordningsfil (en ukjent eller manglende nøkkel, en verdi av feil type eller feil TOML)
rules-scheme-twice = { $file }: { $key }: ordningen er oppgitt to ganger
rules-scheme-frame = { $file }: { $key }: «{ $text }» er ikke en ramme: en ramme er hele, positive kroner
rules-scheme-budget-line = { $file }: { $key }: «{ $text }» er ikke en kapittelpost (kkkk.pp)
rules-scheme-applicant-kind = { $file }: { $key }: «{ $text }» er ikke municipality, county eller voluntary_organisation
rules-scheme-date = { $file }: { $key }: «{ $text }» er ikke en dato (ÅÅÅÅ-MM-DD)
rules-scheme-call-order = { $file }: { $key }: utlysningen stenger før den åpner
rules-scheme-criteria = { $file }: { $key }: en ordning har kriterier, hvert med en vekt over null
person-nothing-due = Ingenting å betale ut
explain-rule = regel { $rule } ({ $name })
explain-grant-year = tilskuddsår { $year }
explain-category = kategori: { $category }
person-disability = Tilskudd ved nedsatt funksjonsevne (R14–R19)
cli-check-event-pages = Sidene med registerhendelser holder de samme hendelsene som radene, i samme rekkefølge.
check-failed = { $count ->
    [one] Én kontroll feilet:
   *[other] { $count } kontroller feilet:
}
check-failed-unnamed = En kontroll feilet. Hva som feilet, står i loggen.
check-statements-failed = Regnskapet for { $year } stemmer ikke: oppgitt { $asserted } kroner, regnet ut { $calculated } kroner, differanse { $difference } kroner, i denne kontrollen:
check-event-pages-count = Sidene med registerhendelser holder { $paged } hendelser, radene { $rows }.
check-event-pages-differ = Sidene med registerhendelser skiller seg fra radene fra hendelse { $event } og utover.
check-event-pages-unreadable = Side { $page } av registerhendelsene fra innlesing { $import } kan ikke leses. Registeret blir lest fra radene til dette er rettet.
check-snapshot-differs = Det lagrede registerbildet ({ $lag } måneder før en flytting teller, { $events } hendelser) skiller seg fra personene hendelsene gir.
check-snapshot-unreadable = Det lagrede registerbildet ({ $lag } måneder før en flytting teller) kan ikke leses.
check-frame-overrun = Rammen for { $scheme } { $year } går ikke opp: tildelt { $awarded } kroner, utbetalt { $paid } kroner og frigjort { $released } kroner mot en ramme på { $frame } kroner.
audit-link-broken = Innslag { $entry } i revisjonsloggen henger ikke sammen med innslaget før: det viser til en annen hash enn den det forrige innslaget har.
audit-entry-changed = Innslag { $entry } i revisjonsloggen er endret: innholdet stemmer ikke med hashen.
audit-batch-lines-changed = Linjene i utbetalingen for { $period } (kjøring { $run }, id { $batch }) gir ikke lenger hashen utbetalingen ble lagret med: en linje er endret.
audit-batch-lines-not-as-entry = Linjene i utbetalingen for { $period } (kjøring { $run }, id { $batch }) gir ikke hashen som innslag { $entry } i revisjonsloggen ({ $action ->
    [compute] utregningen
    [attest] attesteringen
    [approve] godkjenningen
   *[other] betalingen
}) skrev ned.
audit-batch-entry-missing = Utbetalingen for { $period } (kjøring { $run }, id { $batch }) har status «{ $status }», men revisjonsloggen mangler innslaget for { $action ->
    [compute] utregningen
    [attest] attesteringen
    [approve] godkjenningen
   *[other] betalingen
}.
audit-entry-without-batch = Innslag { $entry } i revisjonsloggen ({ $action ->
    [approve] en godkjenning
   *[other] en betaling
}) gjelder utbetaling id { $batch }, som ikke finnes.
audit-entry-ahead-of-batch = Innslag { $entry } i revisjonsloggen ({ $action ->
    [approve] en godkjenning
   *[other] en betaling
}) gjelder utbetalingen for { $period } (kjøring { $run }), som har status «{ $status }».
audit-anchor-missing = Ankerfilen har innslag { $entry } med hashen { $hash }, men revisjonsloggen i databasen har ikke lenger dette innslaget: innslag er fjernet eller endret.
audit-no-anchor = Revisjonsloggen har { $payments ->
    [one] én betaling
   *[other] { $payments } betalinger
}, men { $file } har ikke noe ankerpunkt. Hver betaling skriver et ankerpunkt i ankerfilen ved siden av utboksen: oppgi riktig fil med --anchor, eller finn ut hvem som fjernet den.
audit-paid-sums-differ = De utbetalte summene som ble lagret ved siste betaling, skiller seg fra linjene i de betalte utbetalingene i { $lines ->
    [one] én linje
   *[other] { $lines } linjer
}.
audit-paid-lines-unrecorded = Den betalte utbetalingen for { $period } (id { $batch }) har linjer, men ikke noe betalingsinnslag i revisjonsloggen.
audit-paid-lines-changed = Linjene i den betalte utbetalingen for { $period } (id { $batch }) gir ikke lenger hashen betalingen skrev ned, så man vet ikke hva som ble betalt.
audit-paid-sums-unrecorded = De utbetalte summene som ble lagret ved betalingen av utbetaling id { $batch }, har ikke noe innslag i revisjonsloggen.
audit-paid-sums-changed = De utbetalte summene som ble lagret ved betalingen av utbetaling id { $batch }, gir ikke lenger hashen betalingen skrev ned, så man vet ikke hva som ble betalt.
audit-paid-sums-out-of-order = De utbetalte summene som ble lagret ved betalingen av utbetaling id { $batch }, er ikke én linje per kommune, tilskudd og person i fast rekkefølge, uten nullbeløp, slik en betaling skriver dem.
audit-paid-sums-cover-unpaid = De lagrede utbetalte summene tar med utbetaling id { $batches }, som ikke lenger er betalt.

# Refusals that told only their English text before 2026-12-06.
error-not-caseworker-of-scheme = Bare en saksbehandler for ordningen kan fatte vedtak i søknad { $id }.
error-declare-before-deciding = Meld fra om inhabilitet i søknad { $id } før du fatter vedtak.
error-no-disability-application = Det finnes ingen søknad om tilskudd ved nedsatt funksjonsevne med referansen { $reference }.
error-database-unreachable = Databasen { $database } kan ikke åpnes: filen er ikke en database, eller serveren svarer ikke.
error-batch-run-concurrent = En annen kjøring lagret utbetalingen for { $period } (kjøring { $run }) samtidig. Se på den på nytt før du går videre.
error-frame-below-awards = Rammen for { $scheme } { $year } kan ikke settes lavere enn det som allerede er tildelt.
error-already-released = Forpliktelsen i søknad { $id } er allerede frigjort.
error-cannot-listen = Serveren kan ikke lytte på { $address }. Adressen kan være i bruk eller feilskrevet.
error-no-rules-files = Mappen med regelfiler har ikke satsene for noe år. Legg inn rules/ÅÅÅÅ.toml.
field-organisation-name-length = Navnet må ha mellom 1 og { $max } tegn.
error-bench-runs = Antall kjøringer (--runs) må være minst 1.
