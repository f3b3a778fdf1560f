# Nynorsk: the default language of pages, errors and letters.
# Every key here is also in nb.ftl (the catalogue test checks both ways).

app-name = tilskot

## Navigation
nav-skip = Gå til innhaldet
nav-applications = Søknader
nav-new-application = Ny søknad
nav-frames = Rammer
nav-disability = Nedsett funksjonsevne
nav-batches = Utbetalingar
nav-users = Brukarar
nav-calls = Opne utlysingar
nav-sign-out = Logg ut
nav-other-language = Bokmål
nav-other-language-code = nb

## Sign-in
login-title = Logg inn
login-name = Brukarnamn
login-password = Passord
login-wrong = Feil brukarnamn eller passord.
login-throttled = For mange mislukka innloggingar. Prøv igjen om { $seconds } sekund.

## Errors
error-title = Noko gjekk gale
error-title-401 = Du må logge inn
error-title-403 = Du har ikkje tilgang
error-title-404 = Fann ikkje sida
error-title-409 = Handlinga kan ikkje gjerast no
error-title-422 = Noko er feil i det du sende
error-title-500 = Feil hos oss
error-back = Til framsida
error-unauthorized = Logg inn for å halde fram.
error-not-found = Vi finn ikkje det du leitar etter. Adressa kan vere feil, eller saka er ikkje di.
error-forbidden = Rolla di gjev ikkje lov til dette.
error-bad-request = Noko er feil i det du sende. Sjå over og prøv igjen.
error-conflict = Saka er ikkje i ein tilstand der dette kan gjerast. Last sida på nytt og sjå kva som gjeld no.
error-internal = Noko gjekk gale hos oss. Feilen er logga med referansen { $reference }.
error-stale-form = Skjemaet er for gammalt eller kjem ikkje frå denne sida. Last sida på nytt og prøv igjen.
error-role = Rolla di gjev ikkje lov til dette.
error-role-compute-batch = Berre ein økonomimedarbeidar eller nokon i økonomi kan rekne ut ei utbetaling, og { $user } har ikkje ei slik rolle.
error-role-import-register = Berre ein økonomimedarbeidar, nokon i økonomi eller ein administrator kan importere busetjingsregisteret, og { $user } har ikkje ei slik rolle.
error-role-import-accounts = Berre ein økonomimedarbeidar, nokon i økonomi eller ein administrator kan importere rekneskapsfiler, og { $user } har ikkje ei slik rolle.
error-role-change-users = Berre ein administrator kan leggje til brukarar eller endre rollene deira, og { $user } er ikkje administrator.
error-role-disable-users = Berre ein administrator kan sperre brukarar eller opne dei att, og { $user } er ikkje administrator.
error-role-list-users = Berre ein administrator eller ein revisor kan sjå lista over brukarar, og { $user } har ikkje ei slik rolle.
error-role-set-signatures = Berre ein administrator kan bestemme korleis brukarar signerer brev, og { $user } er ikkje administrator.
error-role-add-organisations = Berre ein administrator kan leggje til søkjarorganisasjonar, og { $user } er ikkje administrator.
error-role-close-year = Berre økonomi eller ein revisor kan avslutte eit rekneskapsår, og { $user } har ikkje ei slik rolle.
error-not-draft = Søknad { $id } er ikkje eit utkast lenger og kan ikkje endrast.
error-conflict-of-interest = Du har meldt deg inhabil i søknad { $id }. Ein annan saksbehandlar gjer vedtaket.
error-frame-exceeded = Ramma har { $available } kroner att. Eit tilskot på { $wanted } kroner går over ramma.
error-not-open = Søknad { $id } er ikkje open for vedtak.
error-not-reviewed = Søknaden har { $submitted } av dei { $required } vurderingane ordninga krev før vedtak.
error-frames-forbidden = Rammene er for saksbehandlarar og økonomi.
error-batches-forbidden = Utbetalingane er for økonomi og revisorar.
error-municipality-applies = Berre ein kommune kan søkje om dette tilskotet.
error-same-person = Du attesterte denne utbetalinga. Ein annan person må godkjenne ho.
error-wrong-status = Utbetalinga er ikkje i rett status for dette.

error-no-award = Søknad { $id } har ikkje noko tilskot å betale ut.
error-released = Forpliktinga i søknad { $id } er frigjord og blir ikkje utbetalt.
error-payment-year = Tilskotet i søknad { $id } er gjeve frå ramma for { $year }. Ei utbetaling datert { $date } høyrer til eit anna budsjettår.
error-already-paid = Søknad { $id } er alt utbetalt eller ikkje avgjord.
error-nothing-to-release = Søknad { $id } har inga forplikting å frigjere.
error-paid-not-released = Søknad { $id } er utbetalt. Ei utbetalt forplikting blir ikkje frigjord.
error-release-reason = Skriv kvifor forpliktinga blir frigjord.
error-report-required = Skriv rapporten før du sender han.
error-report-before-payment = Søknad { $id } er ikkje utbetalt. Rapporten kjem etter utbetalinga.
error-not-open-for-review = Søknad { $id } er ikkje open for vurdering.
error-already-declared = Du har alt meldt frå om inhabilitet i søknad { $id }. Ei slik melding blir ikkje endra.
error-review-incomplete = Ei innsend vurdering gjev poeng på alle kriteria: { $given } av { $total } er fylte ut.
error-declare-first = Meld frå om inhabilitet før du gjev poeng på søknad { $id }.
error-conflict-no-score = Du har meldt deg inhabil i søknad { $id } og kan ikkje gje poeng.
error-review-submitted = Du har alt sendt inn vurderinga av søknad { $id }.
error-call-closed = Utlysinga er open { $opens } til { $closes } og tek ikkje imot søknader { $today }.

error-applicant-needs-organisation = Ein søkjar må høyre til ein organisasjon. Fyll ut organisasjonsnummeret.
error-organisation-only-applicants = Berre søkjarar høyrer til ein organisasjon. La organisasjonsnummeret stå tomt.
error-schemes-only-caseworkers = Berre saksbehandlarar har ordningar. La ordningane stå tomme.
error-last-admin = { $name } er den siste administratoren og held på rolla. Gjer ein annan brukar til administrator først.

error-no-pdf = Denne tenaren lagar ikkje PDF. Last ned brevet som HTML og skriv det ut til PDF frå nettlesaren.
letter-download-pdf = Last ned vedtaksbrevet som PDF

error-register-changed = Det utbetalinga skal betale, er endra sidan ho vart berekna: registeret, satsane eller eit vedtak er endra. Rekn ut utbetalinga for { $period } på nytt og attester den nye køyringa.
error-register-import-raced = { $file }: ei anna innlesing til registeret vart lagra medan denne fila vart kontrollert. Ingenting vart lese inn; les inn fila på nytt.
error-rates-not-adopted = Utbetalinga er berekna med satsar som ikkje er vedtekne (svakaste status: { $status ->
    [proposed] foreslått
    [inferred] utleidd
    [unverified] ikkje stadfesta
   *[other] plasshaldar
}). Vil du betale likevel, kryss av for det på sida eller gje --allow-unverified-rates på kommandolinja; valet blir registrert på utbetalinga.
error-batch-changed = Utbetalinga vart endra medan du arbeidde med ho. Sjå på ho på nytt.
error-paid-record-changed = Det som er lagra som utbetalt, stemmer ikkje med det revisjonsloggen viser. Inga ny utbetaling blir rekna ut før ein revisor eller systemansvarleg har sett på det.
error-before-start-period = Utbetalingane før { $start } vart gjorde i det førre systemet. { $period } blir ikkje rekna ut her.
error-month-order = Utbetalinga for { $latest } finst alt. Utbetalingane blir rekna ut månad for månad, og { $period } er tidlegare.
error-earlier-batch-open = Utbetalinga for { $period } (køyring { $run }) må betalast eller reknast ut på nytt før ein seinare månad blir rekna ut.
error-year-batch-unpaid = Utbetalinga for { $period } (køyring { $run }) er ikkje betalt. Ho må betalast før rekneskapsåret { $year } blir avslutta.
error-lines-changed = Linjene i utbetalinga for { $period } (køyring { $run }) er endra etter at ho vart rekna ut og attestert. Ho blir ikkje godkjend eller betalt.
error-payment-file-differs = Betalingsfila { $file } finst alt i utboksen med anna innhald. Ho blir ikkje skriven over; ein person må sjå på begge.
error-payment-recorded-otherwise = Betalinga { $payment } er alt registrert med anna innhald. Sjå på utbetalinga på nytt.
error-paid-as-other = Utbetalinga er alt betalt som { $payment }. Sjå på ho på nytt.
error-admin-exists = Databasen har alt ein administrator. Nye brukarar blir lagde til av ein administrator.
error-start-period-fixed = Databasen betaler alt frå { $existing }. Startperioden kan ikkje endrast til { $start }.
error-voucher-differs = Bilaget { $reference } finst alt i rekneskapen med anna innhald. Ei retting blir eit nytt bilag.
error-voucher-unbalanced = Bilaget { $reference } går ikkje i balanse: differansen er { $difference } kroner.
error-scheme-budget-line-unknown = Ordninga { $scheme } { $year } viser til budsjettposten { $line }, som ikkje finst i rekneskapen. Utbetalingane kunne ikkje ha vorte bokførte.
error-criterion-scored = Kriteriet { $criterion } i ordninga { $scheme } { $year } har alt poeng og kan ikkje fjernast.
error-frame-bound-differs = Ramma for { $scheme } { $year } stemmer ikkje: bundne midlar er ikkje lik tildelt minus frigjort. Kontakt den som driftar systemet.

error-year-closed = Rekneskapsåret { $year } er avslutta og kan ikkje endrast.
error-year-not-over = Rekneskapsåret { $year } er ikkje over før 31. desember { $year } og kan ikkje avsluttast før det.
error-earlier-year-open = Rekneskapsåret { $earlier } er ikkje avslutta. Åra blir avslutta i rekkjefølgje, { $earlier } før { $year }.
error-reference-taken = Referansen { $reference } er brukt før. Ein ny søknad får ein ny referanse.
error-unknown-criterion = Eitt av kriteria høyrer ikkje til ordninga. Last sida på nytt.

## Forms
form-errors = { $count ->
    [one] Skjemaet har éin feil. Han står ved feltet.
   *[other] Skjemaet har { $count } feil. Kvar feil står ved feltet sitt.
}
form-warnings = Søknaden oppfyller ikkje alle krava i ordninga enno. Du kan lagre utkastet, men ein søknad som ikkje oppfyller krava, får avslag:
form-save-draft = Lagre utkast
field-required = Feltet må fyllast ut.
field-not-amount = «{ $text }» er ikkje eit beløp i kroner (til dømes 150 000 eller 150 000,50).
field-negative = Beløpet kan ikkje vere negativt.
field-above-zero = Beløpet må vere større enn null.
field-too-long = Teksten kan vere høgst { $max } teikn.
field-own-above-budget = Eigenfinansieringa ({ $own }) er større enn budsjettet ({ $budget }).
field-budget-exceeded = Omsøkt beløp ({ $applied }) og eigenfinansiering ({ $own }) er til saman meir enn budsjettet ({ $budget }).
field-not-whole-number = «{ $text }» er ikkje eit heilt tal.
field-not-year-amount = «{ $text }» er ikkje på forma «år: beløp».
field-not-year = «{ $text }» er ikkje eit årstal.
field-later-year-range = { $year } er ikkje eitt av dei fire åra etter { $scheme_year }.
field-year-twice = { $year } står to gonger.
field-later-year-zero = Beløpet for { $year } må vere større enn null.
field-partial-award-range = Eit delvis tilskot må vere større enn null og mindre enn omsøkt beløp ({ $applied }).
field-rejection-needs-reason = Eit avslag må grunngjevast (kva krav søknaden ikkje oppfyller).
field-not-score = «{ $text }» er ikkje ein poengsum frå 0 til 5.
field-not-decision = «{ $text }» er ikkje eit vedtak.
field-not-date = «{ $text }» er ikkje ein dato (ÅÅÅÅ-MM-DD).
field-not-action = «{ $text }» er ikkje ei handling på utbetalinga.
field-no-open-call = Ingen utlysing er open i dag.
field-choose-open-call = Vel ei utlysing som er open i dag.
field-wrong-type = Feltet har feil type.

## Fields
field-id = Nr.
field-scheme = Tilskotsordning
field-year = År
field-applicant = Søkjar
field-project = Prosjekt
field-amount-applied = Omsøkt beløp i år
field-amount-applied-nok = Omsøkt beløp i år (kroner)
field-budget-total = Totalbudsjett for prosjektet
field-budget-total-nok = Totalbudsjett for prosjektet (kroner)
field-own-financing = Eigenfinansiering
field-own-financing-nok = Eigenfinansiering (kroner)
field-participants = Tal på deltakarar
field-later-years = Seinare år
field-later-years-format = Seinare år for fleirårige prosjekt, «år: beløp; år: beløp»
field-state = Status
field-submitted = Innsend
field-decision = Vedtak
field-committed = Forplikta
field-reserved = Reservert for seinare år
field-paid = Utbetalt
field-released = Frigjort
field-report = Rapport

## Lists
applications-title = Søknader
applications-none = Ingen søknader.
list-search = Søk i prosjekt og søkjar
list-search-button = Søk
list-sort = Sorter etter
list-showing = Viser { $from }–{ $to } av { $total }
list-page-of = Side { $page } av { $pages }
list-pages = Sider
list-previous = Førre side
list-next = Neste side
sort-id = Søknadsnummer
sort-newest = Nyaste først
sort-project = Prosjekt
sort-organisation = Søkjar
sort-amount = Største beløp først
sort-state = Status
call-option = { $scheme } { $year } (open { $opens } til { $closes })

export-organisation-number = Organisasjonsnummer
export-decision-date = Vedtaksdato
export-decided-by = Vedteke av
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
review-declare-first = Meld først frå om du er inhabil i denne søknaden.
review-conflict = Inhabilitet
review-no-conflict = Eg er ikkje inhabil
review-has-conflict = Eg er inhabil og vurderer ikkje søknaden
review-declare = Meld frå
review-declared-conflict = Du har meldt deg inhabil og vurderer ikkje denne søknaden.
review-criterion = Kriterium
review-weight = Vekt
review-score = Poeng 0–5
review-save = Lagre
review-submit = Send inn vurderinga
review-others = Andre saksbehandlarar
review-reviewer = Saksbehandlar
review-scores = Poeng
review-hidden = Skjult til begge vurderingane er sende inn
review-status-conflict = Inhabil
review-status-submitted = Innsend
review-status-in-progress = Under arbeid
decision-title = Vedtak
decision-reason-partial-frame = Ramma dekte ikkje heile det omsøkte beløpet.
decision-reason-frame-used = Ramma vart brukt opp av søknader som var rangerte høgare.
decision-partial-amount = Beløp ved delvis tilskot (kroner)
decision-reason = Grunngjeving (må fyllast ut ved avslag)
decision-make = Gjer vedtak
pay-title = Utbetaling
pay-date = Utbetalingsdato (i året til ordninga)
pay-button = Betal ut og bokfør
release-reason = Grunn til å frigjere forpliktinga
release-button = Frigjer
history-title = Historikk
history-when = Når
history-who = Kven
history-change = Endring

## Names: application states
state-draft = Utkast
state-submitted = Innsend
state-in-review = Under vurdering
state-decided = Avgjord
state-paid = Utbetalt
state-reported = Rapportert

## Names: decisions
decision-awarded = Innvilga
decision-partly-awarded = Delvis innvilga
decision-rejected = Avslått
decision-recommended-not-funded = Tilrådd, men ikkje finansiert

## Names: roles
role-finance-officer = Økonomimedarbeidar (attesterer)
role-approver = Godkjennar
role-caseworker = Saksbehandlar
role-applicant = Søkjar
role-finance = Økonomi
role-auditor = Revisor
role-admin = Administrator

## Names: applicants
applicant-kind-municipality = kommune
applicant-kind-county = fylkeskommune
applicant-kind-voluntary-organisation = frivillig organisasjon
ineligible-kind = Denne typen søkjar ({ $kind ->
    [municipality] kommune
    [county] fylkeskommune
   *[other] frivillig organisasjon
}) kan ikkje søkje på ordninga.
ineligible-outside-call = Søknaden kom inn { $submitted }, utanfor utlysinga ({ $opens } til { $closes }).
ineligible-participants = Prosjektet har { $participants } deltakarar. Ordninga krev minst { $min }.
ineligible-own-financing = Eigenfinansieringa ({ $own }) er under { $percent } % av budsjettet ({ $budget }).

## Names: schemes and criteria
scheme-jobbsjansen = Tilskot til Jobbsjansen
scheme-integreringstiltak = Tilskot til utvikling av kommunale integreringstiltak (område 1–6)
criterion-results = Resultatmål
criterion-cooperation = Samarbeidsstruktur
criterion-tailored = Individuelt tilpassa innhald
criterion-binding = Forpliktande samarbeid med sektorstyresmakter
criterion-labour-market = Arbeidsmarknadskompetanse
criterion-transferable = Overføringsverdi til andre kommunar
criterion-method = Kunnskaps- og metodeutvikling
criterion-quality = Kvalitet i kvalifiserings- og integreringsarbeidet
criterion-feasibility = Gjennomføringsevne

## Public calls
calls-title = Opne utlysingar
calls-none = Ingen utlysingar er opne no.
calls-period = Utlysinga er open
calls-deadline = Søknadsfrist
calls-who = Kven kan søkje
calls-min-participants = Minste tal på deltakarar
calls-min-own-financing = Minste eigenfinansiering
calls-criteria = Kriterium søknadene blir vurderte etter

## Frames
frames-title = Tilskotsrammer
frame-frame = Ramme
frame-awarded = Innvilga
frame-outstanding = Uteståande forpliktingar
frame-available = Tilgjengeleg
frame-underspend = Mindreforbruk
frames-underspend-note = Mindreforbruket er ramma minus det som er utbetalt. Ved årsslutt blir alle forpliktingar som ikkje er utbetalte, frigjorde.
ranking-title = Rangering og framlegg til fordeling
ranking-note = Søknadene er rangerte etter vekta poengsum frå dei innsende vurderingane, innanfor det som er tilgjengeleg. Dette er eit framlegg, ikkje eit vedtak.
ranking-score = Vekta poengsum
ranking-proposal = Framlegg
ranking-not-reviewed = Ikkje rangerte enno, utan innsend vurdering:
commitments-title = Vedtak, forpliktingar og utbetalingar

## Batches
batches-title = Månadlege utbetalingar
batches-none = Ingen utbetalingar er berekna enno.
batch-title = Utbetaling
batch-month = Månad
batch-run = køyring
batch-run-heading = Køyring
batch-sum = Sum (kroner)
batch-lines = Linjer
batch-municipalities = Kommunar
batch-municipality = Kommune
batch-grant = Tilskot
batch-budget-line = Kapittel/post
batch-attested-by = Attestert av
batch-approved-by = Godkjend av
batch-weakest-rate = Svakaste status på satsane
batch-payment-file = Betalingsfil
batch-attest = Attester
batch-approve = Godkjenn
batch-reject = Avvis
batch-reject-reason = Grunn til avvising
batch-pay = Betal ut
batch-pay-unverified = Betal sjølv om satsane ikkje er vedtekne
batch-by-budget-line = Per kapittel/post
batch-previous = Førre utbetaling
batch-difference = Skilnad
batch-compared-with = Samanlikna med den førre betalte utbetalinga,
batch-back = Tilbake til utbetalinga
batch-total = Sum
batch-persons-note = Personane bak beløpa. Kvifor ein person får det han får, viser «tilskot explain --person ID» regel for regel.
batch-by-municipality = Per kommune og tilskot
batch-status-computed = Berekna
batch-status-attested = Attestert
batch-status-approved = Godkjend
batch-status-paid = Utbetalt
batch-status-superseded = Erstatta
rate-status-adopted = Vedteken
rate-status-proposed = Foreslått
rate-status-inferred = Utleidd
rate-status-unverified = Ikkje stadfesta
rate-status-placeholder = Plasshaldar
grant-integration-year1 = Integreringstilskot, år 1
grant-integration = Integreringstilskot, år 2–5
grant-elderly = Eldretilskot
grant-kindergarten = Barnehagetilskot
grant-minor = Tilskot ved busetting av einslege mindreårige
grant-norwegian = Norsktilskot, per person
grant-norwegian-base = Norsktilskot, grunntilskot
grant-disability-1 = Tilskot ved nedsett funksjonsevne, tilskot 1
grant-disability-2 = Tilskot ved nedsett funksjonsevne, tilskot 2
budget-line-0671-60 = Integreringstilskot
budget-line-0671-61 = Særskilt tilskot ved busetting av einslege mindreårige
budget-line-0671-62 = Kommunale innvandrartiltak
budget-line-0672-60 = Tilskot til opplæring i norsk og samfunnskunnskap

rule-R0 = Satsen for månaden
rule-R1 = Kven som gjev tilskot
rule-R2 = Tilskotsår
rule-R3 = År 1 og kategoriane
rule-R4 = År 2–5
rule-R5 = Kommunen for månaden
rule-R6 = Utflytting og død
rule-R7 = Born fødde etter busetjinga
rule-R8 = Eingongstilskota
rule-R9 = Einslege mindreårige: kven og kor lenge
rule-R10 = Einslege mindreårige: satsen
rule-R11 = Norsktilskot per person
rule-R12 = Kollektivt vern
rule-R13 = Grunntilskot
rule-R14 = Kven det kan søkjast for
rule-R15 = Tilskot 1
rule-R16 = Tilskot 2
rule-R17 = Eitt av kvart
rule-R18 = Fristar
rule-R19 = Utbetaling
category-unaccompanied-minor = einsleg mindreårig
category-child = barn
category-single-adult = einsleg vaksen
category-adult = vaksen
person-accruals = Opptening i
person-accruals-note = Kva personen har tent opp månad for månad, etter regelen som gjeld (sjå regelreferansen i docs/rules.md). Ei utbetaling er det som er opptent til terminen, minus det som er betalt før.
person-rule = Regel
person-category = Kategori
person-payments = Utbetalingar til personen

## Disability grant
disability-title = Tilskot ved busetting av personar med nedsett funksjonsevne eller åtferdsvanskar
disability-queue = Saksgangen i
disability-queue-summary = { $received } mottekne, { $decided } avgjorde, { $awarded } innvilga for { $amount } kroner.
disability-backlog-months = Uavgjorde, månader sidan mottak
disability-count = Tal
disability-decision-month = Vedtaksmånad
disability-mean-days = Dagar i snitt
disability-median-days = Median
disability-reference = Referanse
disability-reference-own = Referanse (kommunen si)
disability-person = Person
disability-person-id = Personen (id i busetjingsregisteret)
disability-grant-year = Tilskotsår
disability-grant-year-input = Tilskotsår (1, 2, …)
disability-received = Motteken
disability-awarded = Innvilga
disability-expenses = Dokumenterte utgifter
disability-expenses-input = Dokumenterte utgifter (berre tilskot 2, kroner)
disability-before-settlement = Funksjonsnedsetjinga eller åtferdsvanskane oppstod før busetjinga
disability-special-agreement = Særskild avtale (familieinnvandring)
disability-send = Send søknaden
disability-allowed = Høgste tilskot etter regelverket
disability-no-decisions = Ingen vedtak enno.
disability-date = Dato
disability-amount = Beløp
disability-by = Av
disability-reason = Grunngjeving
disability-latest-applies = Det siste vedtaket gjeld. Eit nytt vedtak (klage, retting) erstattar det, og skilnaden blir utbetalt eller motrekna i neste termin.
disability-award-full = Innvilga (heile beløpet)
disability-amount-input = Beløp (tomt = heile beløpet ved innvilging)
disability-decision-date = Vedtaksdato
disability-save-decision = Lagre vedtaket
disability-grant-1 = Tilskot 1 (eingongs)
disability-grant-2 = Tilskot 2 (dokumenterte utgifter)
disability-status-pending = Under behandling
disability-status-awarded = Innvilga
disability-status-partly-awarded = Delvis innvilga
disability-status-rejected = Avslått
disability-problem = Sjå over feltet «{ $field }»: { $reason }
disability-column-reference = Referanse
disability-column-municipality = Kommune
disability-column-person-id = Personen
disability-column-grant = Tilskot
disability-column-grant-year = Tilskotsår
disability-column-documented-expenses = Dokumenterte utgifter
disability-column-originated-before-settlement = Oppstod før busetjinga
disability-column-special-agreement = Særskild avtale
disability-column-received = Motteken
disability-column-decision = Vedtak
disability-column-amount = Beløp
disability-column-reason = Grunngjeving
disability-column-date = Vedtaksdato
disability-expected-reference = ein referanse som ikkje er brukt før, høgst 32 teikn.
disability-expected-municipality = personen må vere busett i kommunen som søkjer.
disability-expected-person-id = id-en til ein person som er busett i kommunen, og som tilskotet kan gjelde.
disability-expected-grant = tilskot 1 eller 2.
disability-expected-grant-year = eit tilskotsår som regelverket opnar for, og som ikkje er søkt om før.
disability-expected-documented-expenses = eit beløp i kroner for tilskot 2, tomt for tilskot 1.
disability-expected-originated-before-settlement = kryss av berre når vanskane oppstod før busetjinga.
disability-expected-special-agreement = kryss av berre ved særskild avtale.
disability-expected-received = ein dato (ÅÅÅÅ-MM-DD).
disability-expected-decision = innvilga, delvis innvilga eller avslått.
disability-expected-amount = eit beløp i kroner, ikkje over det høgste tilskotet etter regelverket.
disability-expected-reason = ei grunngjeving ved delvis innvilging og avslag, høgst 4000 teikn.
disability-expected-date = ein dato (ÅÅÅÅ-MM-DD), ikkje før søknaden kom inn.

## Letters
letter-sender = Integrerings- og mangfaldsdirektoratet
letter-to = Til:
letter-to-municipality = Til: kommune
letter-heading-awarded = Vedtak om tilskot
letter-heading-partly-awarded = Vedtak om delvis innvilga tilskot
letter-heading-rejected = Vedtak om avslag på søknad om tilskot
letter-heading-recommended-not-funded = Melding om søknad som er tilrådd, men ikkje finansiert
letter-introduction = Vi viser til søknaden dykkar (nr. { $id }) om { $scheme } for { $year }, prosjektet «{ $project }».
letter-disability-introduction = Vi viser til søknaden dykkar (ref. { $reference }, motteken { $received }) om { $grant } ved busetting av personar med nedsett funksjonsevne eller åtferdsvanskar for tilskotsår { $grant_year }.{ $replaces }
letter-replaces = { " " }Dette vedtaket erstattar det førre vedtaket i saka.
letter-amount-awarded = Innvilga beløp
letter-budget = Tilskotet blir belasta kap./post { $line } i statsbudsjettet for { $year } og blir utbetalt til kontoen som er registrert på mottakaren.
letter-disability-budget = Tilskotet blir belasta kap./post 0671.60 i statsbudsjettet og blir utbetalt saman med neste terminutbetaling av integreringstilskotet.
letter-reservations = Prosjektet er fleirårig. For seinare år er desse beløpa reserverte, med atterhald om Stortinget si løyving:
letter-reason = Grunngjeving:
letter-report-duty = Tilskotsmottakaren skal rapportere om bruken av midlane innan fristen i regelverket for ordninga.
letter-appeal = Vedtaket kan påklagast innan tre veker frå det er motteke (forvaltningslova § 28 og § 29).
letter-regards = Med helsing
title-adviser = rådgjevar
title-senior-adviser = seniorrådgjevar
title-director = fagdirektør
title-head-of-section = seksjonssjef
letter-caseworker = saksbehandlar
letter-download-html = Last ned vedtaksbrevet
letter-file-name = vedtak

## Users
users-role = Rolle
users-organisation = Organisasjon
users-schemes = Ordningar
users-add = Legg til eller endre ein brukar
users-add-note = Eit brukarnamn som finst frå før, får den nye rolla og det nye passordet. Alle øktene til brukaren blir avslutta.
users-organisation-input = Organisasjonsnummer (berre for søkjarar)
users-schemes-input = Ordningar (berre for saksbehandlarar, skilde med komma)
users-password-input = Passord (minst 12 teikn)
users-save = Lagre brukaren
users-signature = Signatur i vedtaksbrev
users-signature-note = Vedtaksbreva blir signerte med fullt namn og stilling til saksbehandlaren som gjorde vedtaket.
users-full-name = Fullt namn
users-title = Stilling
users-save-signature = Lagre signaturen
users-choose-title = Vel ei stilling.
users-no-such-user = Det finst ingen brukar med det brukarnamnet.
users-full-name-length = Fullt namn må ha mellom 1 og 100 teikn.
users-choose-role = Vel ei rolle.
users-state = Tilgang
users-active = aktiv
users-disabled = sperra
users-disable = Sperr
users-enable = Opne att
users-state-note = Ein brukar som sluttar, blir sperra, ikkje sletta: namnet står att på alt brukaren har gjort, men brukaren kan ikkje logge inn eller gjere noko meir, og øktene til brukaren blir avslutta.

## The command line
cli-error = feil: { $text }
cli-error-internal = Noko gjekk gale inne i tilskot. Loggmeldinga over seier kva.
cli-password-needed = Set passordet i miljøvariabelen { $variable }, eller køyr kommandoen i ein terminal for å bli spurd om det.
cli-password-of = Passordet til { $user }
cli-password-of-admin = Passordet til administratoren { $user }
cli-new-password-of = Nytt passord for { $user }
error-no-user = Det finst ingen brukar som heiter { $name }.
cli-rate-warning = ÅTVARING: rekna ut med satsar som ikkje er vedtekne (svakaste status: { $status }). Plasshaldarsatsar er ikkje verkelege satsar, og utbetaling krev vedtekne satsar.
cli-summary-number = kommune
cli-summary-name = namn
cli-summary-net = netto
cli-summary-total = sum ({ $count } kommunar)
cli-batch-list-month = månad
cli-batch-list-run = køyring
cli-batch-list-status = status
cli-batch-list-lines = linjer
cli-batch-list-total = sum kroner
cli-batch-list-rates = satsar
cli-batch-list-attested = attestert av
cli-batch-list-approved = godkjend av
cli-batch-list-footer = Køyringar: { $runs }. Ventar på utbetaling: { $waiting }.
cli-batch-computing = reknar ut utbetalinga for { $period }
cli-batch-outcome-new = ny
cli-batch-outcome-unchanged = uendra sidan førre køyring, same utbetaling
cli-batch-outcome-supplementary = det som skal betalast, har endra seg etter utbetalinga (registeret, satsane eller eit vedtak), og denne køyringa betaler skilnaden
cli-batch-outcome-recomputed = det som skal betalast, har endra seg før utbetalinga (registeret, satsane eller eit vedtak), og den førre køyringa er erstatta: attester denne
cli-batch-computed = Utbetalinga for { $period }, køyring { $run } ({ $outcome }): { $status }, { $lines } linjer, til saman { $total } kroner
cli-batch-attested = Utbetalinga for { $period }, køyring { $run }, er attestert av { $user }.
cli-batch-approved = Utbetalinga for { $period }, køyring { $run }, er godkjend av { $user }.
cli-batch-paid = Utbetalinga for { $period }, køyring { $run }, er betalt av { $user }.
cli-batch-rejected = Utbetalinga for { $period }, køyring { $run }, er avvist av { $user } og er tilbake til status «{ $status }».
cli-payment-made = Betalt som { $payment }: { $transfers } overføringar, { $total } kroner, fil { $file }
cli-payment-already-made = Alt betalt som { $payment }: { $transfers } overføringar, { $total } kroner, fil { $file }
cli-payment-carried = Ført vidare til neste termin som motrekning (negativ netto): { $municipalities }
cli-check-no-year = ingen år
cli-check-passed = Alle kontrollane er i orden: revisjonsloggen med { $entries } innslag ({ $anchors } ankerpunkt), { $batches } utbetalingar mot hashane sine, alle bilag i balanse, rekneskapen for { $years }, regelfilene, { $calls } tilskotsrammer og { $snapshots } lagra registerbilete mot hendingane
cli-recovery-published = { $file }: betalinga er lagra, og fila er flytta til utboksen { $folder }
cli-recovery-voided = { $file }: betalinga vart aldri lagra, og fila er flytta til { $folder }
cli-recovery-nothing = Ingen betalingsfiler ventar: utboksen er i takt med databasen.
cli-batch-shown = Utbetalinga for { $period }, køyring { $run }: { $status }, rekna ut { $computed }, { $lines } linjer, til saman { $total } kroner, satsar: { $rates }
cli-batch-unverified-allowed = (betalt med --allow-unverified-rates, på satsar som ikkje er vedtekne)
error-no-batch = Det finst inga utbetaling for { $period }. Rekn ho ut først med «tilskot batch run --period { $period }».
error-no-run = Utbetalinga for { $period } har inga køyring { $run }.
error-batch-status-attest = Berre ei berekna utbetaling kan attesterast, og denne er { $status ->
    [computed] berekna
    [attested] attestert
    [approved] godkjend
    [paid] utbetalt
   *[superseded] erstatta
}.
error-batch-status-approve = Berre ei attestert utbetaling kan godkjennast, og denne er { $status ->
    [computed] berekna
    [attested] attestert
    [approved] godkjend
    [paid] utbetalt
   *[superseded] erstatta
}.
error-batch-status-pay = Berre ei godkjend utbetaling kan betalast ut, og denne er { $status ->
    [computed] berekna
    [attested] attestert
    [approved] godkjend
    [paid] utbetalt
   *[superseded] erstatta
}.
error-batch-status-reject = Berre ei attestert eller godkjend utbetaling kan avvisast, og denne er { $status ->
    [computed] berekna
    [attested] attestert
    [approved] godkjend
    [paid] utbetalt
   *[superseded] erstatta
}.
error-batch-role-attest = Berre ein økonomimedarbeidar kan attestere ei utbetaling, og { $user } har rolla { $role ->
    [finance_officer] økonomimedarbeidar
    [approver] godkjennar
    [caseworker] saksbehandlar
    [applicant] søkjar
    [finance] økonomi
    [auditor] revisor
   *[admin] administrator
}.
error-batch-role-approve = Berre ein godkjennar kan godkjenne ei utbetaling, og { $user } har rolla { $role ->
    [finance_officer] økonomimedarbeidar
    [approver] godkjennar
    [caseworker] saksbehandlar
    [applicant] søkjar
    [finance] økonomi
    [auditor] revisor
   *[admin] administrator
}.
error-batch-role-reject = Berre ein økonomimedarbeidar eller ein godkjennar kan avvise ei utbetaling, og { $user } har rolla { $role ->
    [finance_officer] økonomimedarbeidar
    [approver] godkjennar
    [caseworker] saksbehandlar
    [applicant] søkjar
    [finance] økonomi
    [auditor] revisor
   *[admin] administrator
}.
error-reject-reason = Skriv kvifor utbetalinga blir avvist.
error-nothing-to-pay = Utbetalinga for { $period } har ingenting å betale ut.
cli-year-released = { $scheme } { $year }: { $amount } kroner i forpliktingar som ikkje var utbetalte, er frigjorde
cli-year-closed = Rekneskapsåret { $year } er avslutta: ingen bilag, utbetalingar, tilsegner, frigjeringar eller tildelingar i { $year } kan endrast meir.
error-no-rules-year = Det finst ingen satsar for budsjettåret { $year }. Legg inn rules/{ $year }.toml etter rundskrivet for året.
cli-rules-title = Reglane for { $year } ({ $file })
cli-rules-rate = sats
cli-rules-kroner = kroner
cli-rules-status = status
cli-rules-source = kjelde
cli-rules-terms = Utbetalingsterminar:
cli-rules-term = månad { $month }: betaler opptening til og med { $through } ({ $grants }) [{ $status }] { $source }
cli-rules-move-lag = Etterslep ved flytting: { $months } månader [{ $status }] { $source }
cli-rules-low-rate-countries = Land med låg sats: { $countries } [{ $status }]
cli-rules-reference = Kva kvar regel (R0–R19) tyder, med kjelde og status: docs/rules.md
error-last-admin-disable = { $name } er den siste administratoren som kan gjere noko, og kan ikkje sperrast. Gjer ein annan brukar til administrator først.
error-voucher-in-closed-year = Bilaget { $reference } er datert { $date }, og rekneskapsåret { $year } er avslutta. Ingen bilag blir datert i eit avslutta år.
cli-accounts-imported = { $accounts } kontoar, { $lines } budsjettlinjer, { $allocations } tildelingar; { $added } bilag lagde til, { $present } fanst alt i rekneskapen
cli-accounts-files = rekneskapsfilene
cli-statements-written = { $folder }: { $count } CSV-filer for { $year }
cli-statements-checked = { $count } kontrollar av oppstillingane er i orden
cli-journal-written = { $file }: { $vouchers } bilag
cli-audit-intact = Revisjonsloggen med { $entries } innslag er heil. Utbetalingar kontrollerte mot innslaga sine: { $batches }. Ankerpunkt funne: { $anchors }.
cli-importing = les inn { $file }
cli-warning = åtvaring
cli-register-imported = { $file }: { $rows } rader lesne, { $added } hendingar lagde til, { $present } fanst alt i registeret
cli-building-persons = byggjer personane i registeret
error-file-refused = { $count } feil i { $file }. Ingenting vart lese inn.
cli-explain-months = (Månader forklarte: { $from } til { $to }. Regelfilene dekkjer { $first }–{ $last }.)
cli-admin-created = Administratoren { $user } er oppretta.
cli-initialised = { $database } er klar: tilskot betaler frå { $start }.
cli-rules-checked = { $file }: { $rates } satsar, { $terms } utbetalingsterminar, svakaste status: { $status }
cli-municipalities-listed = { $count } kommunar i kommunelista
cli-scheme-checked = { $scheme } { $year }: ramme { $frame } kroner, { $criteria } kriterium
cli-user-signs = { $user } signerer brev som { $full }, { $title }.
cli-user-disabled = { $user } er sperra og kan ikkje lenger logge inn eller gjere noko.
cli-user-enabled = { $user } er opna att og kan logge inn og gjere ting.
cli-user-saved = Brukaren { $user } er lagra med rolla { $role }.
cli-disability-imported = { $file }: { $rows } rader lesne, { $added } søknader lagde til, { $present } fanst alt
cli-disability-extended = Søknad { $reference }: fristen er forlengd til { $until }.
cli-disability-decided = { $file }: { $count } vedtak registrerte av { $user }
cli-disability-status = Tilskot ved nedsett funksjonsevne { $year }: { $received } mottekne, { $decided } avgjorde, { $awarded } innvilga med til saman { $amount } kroner
cli-disability-backlog = Ikkje avgjorde, etter alder (heile månader sidan mottak):
cli-disability-backlog-line = { $months } månader: { $count }
cli-disability-days = Dagar frå mottak til vedtak, etter vedtaksmånad (gjennomsnitt, median):
frame-paid = Utbetalt
frame-released = Frigjort
cli-schemes-loaded = { $count } utlysingar er lasta inn.
cli-scheme-listed = { $code } { $year } { $line } { $name }: ramme { $frame } kroner, utlysinga er open { $opens }–{ $closes }
cli-commitment-paid = Søknad { $id }: { $amount } kroner er utbetalt og bokført { $date }.
cli-commitment-released = Søknad { $id }: { $amount } kroner er frigjorde.
cli-commitments-released = { $amount } kroner i forpliktingar som ikkje var utbetalte, er frigjorde.
cli-proposal-not-reviewed = Søknad { $id }: ikkje vurdert enno og ikkje rangert (ein saksbehandlar må sende inn ei vurdering først)
cli-proposal-award = Søknad { $id }: innvilg { $amount } kroner
cli-proposal-partial = Søknad { $id }: innvilg delvis, { $amount } kroner
cli-proposal-not-funded = Søknad { $id }: tilrådd, men ramma strekk ikkje til
cli-proposal-reject = Søknad { $id }: avslå, { $reason }
cli-proposal-written = { $count } vedtak er skrivne.
cli-organisation-added = Organisasjonen { $id } er lagd til.
cli-serving = tilskot svarar på { $address }
cli-forecast-title = Prognose for { $year } per { $month }: registeret til og med { $through }, prognosen etter det
cli-forecast-post = kap./post
cli-forecast-accrued = opptent til då
cli-forecast-expected-rest = venta resten
cli-forecast-expected-total = venta i alt
cli-forecast-allocation = løyving
cli-forecast-difference = mindre(+)/meir(−)
cli-forecast-rolling-title = Prognosar for { $year } laga ved utgangen av kvar månad, ved sida av utfallet (heile registeret)
cli-forecast-as-of = per
cli-forecast-outcome = utfall
cli-forecast-rates = Satsane for { $year } frå { $folder }:
cli-forecast-not-adopted = Nokre satsar har status «{ $status }» og er ikkje vedtekne: ein prognose kan bruke dei, ei utbetaling kan ikkje.
cli-forecasting = lagar prognosen
cli-warning-sheet-not-read = arket «{ $other }» har også data og vart ikkje lese (arket «{ $sheet }» vart lese; vel eit anna med --sheet)
cli-generating = lagar registeret
cli-generated = { $file }: { $events } hendingar for { $from }–{ $to } (frø { $seed }, skala { $scale })
problem-file-missing = fila finst ikkje
problem-file-forbidden = tilskot har ikkje lov til å lese fila
problem-file-unreadable = fila kan ikkje lesast
problem-not-utf8 = fila er ikkje UTF-8-tekst (lagre ho frå Excel som «CSV UTF-8»)
problem-malformed-csv = fila er ikkje gyldig CSV her (sjå etter eit hermeteikn som ikkje er lukka)
problem-row-width = rada har { $fields } felt, overskrifta har { $header }
problem-file-empty = fila er tom: ho manglar overskriftsrad
problem-workbook-unreadable = arbeidsboka kan ikkje opnast
problem-no-sheet = arbeidsboka har ikkje noko ark som heiter «{ $sheet }»
problem-no-visible-sheet = arbeidsboka har ikkje noko synleg ark
problem-sheet-unreadable = arket «{ $sheet }» kan ikkje lesast
problem-sheet-empty = arket «{ $sheet }» er tomt: det manglar overskriftsrad
problem-date-cell = datocella { $cell } er utanfor det som kan vere ein dato
problem-error-cell = cella har feilverdien { $error } frå rekneark
problem-missing = manglar
problem-header = overskrifta må vere nøyaktig { $columns }
problem-identifier-too-long = lengre enn { $max } teikn
problem-not-an-identifier = «{ $text }» er ikkje eit gyldig ID: bokstavar A–Z, siffer, «.», «_» og «-», og første teikn er ein bokstav eller eit siffer
problem-not-true-or-false = «{ $text }» er verken true eller false
problem-in-the-future = { $date } er fram i tid
problem-case-differs = «{ $id }» skil seg berre i store og små bokstavar frå personen «{ $known }»; då er det same person: skriv { $known }
problem-not-a-country = «{ $text }» er ikkje ein landkode etter ISO 3166-1 alpha-2
problem-born-after-event = fødd { $birth }, etter datoen til hendinga, { $date }
problem-born-date = datoen til ei «born»-hending er fødselsdatoen
problem-unknown-event = ukjend hending «{ $text }» (settled, born, moved, exited, eller withdrawn_ framfor ein av dei for å rette ei hending som vart registrert ved ein feil)
problem-missing-for-event = manglar for ei «{ $kind }»-hending
problem-withdraws-unknown = trekkjer tilbake ei «{ $kind }»-hending for { $person } den { $date } som ikkje finst i registeret med desse felta
problem-born-before-mother = { $person } er fødd { $date }, før mora vart busett { $settled }: eit barn fødd før busetjinga blir busett saman med mora
problem-mother-not-settled = mora { $mother } til { $person } er ikkje busett i registeret
problem-not-a-date = «{ $text }» er ikkje ein dato på forma ÅÅÅÅ-MM-DD
problem-date-too-early = «{ $text }» er før 1.1.{ $year }, den tidlegaste datoen som blir teken imot
problem-not-a-municipality-number = «{ $text }» er ikkje eit firesifra kommunenummer
problem-unknown-municipality = kommune { $number } er ikkje ein av dei { $count } kommunane i 2020–2023
problem-unknown-basis = «{ $text }» er ikkje eit grunnlag (asylum, resettlement, collective, family, family_humanitarian)
problem-too-many-columns = fleire enn { $count } kolonnar
problem-not-a-month = «{ $text }» er ikkje ein månad på forma ÅÅÅÅ-MM
problem-month-outside-year = { $month } er utanfor prognoseåret { $year }
problem-month-not-after = { $month } er ikkje etter prognosemånaden { $as_of }: registeret fortel om dei månadene
problem-not-a-count = «{ $text }» er ikkje eit heilt tal på 0 eller meir
problem-count-too-large = { $count } er fleire enn { $max } personar på éi rad
problem-unknown-category = «{ $text }» er ikkje ein kategori (single_adult, adult, child, unaccompanied_minor, elderly)
problem-not-an-amount = «{ $text }» er ikkje eit beløp i kroner: siffer og eitt desimalpunktum, ingen eksponent
problem-amount-too-large = «{ $text }» er over det største beløpet som blir teke imot, 100 000 000 000 kroner
problem-amount-decimals = «{ $text }» har meir enn to desimalar
problem-not-grant-number = «{ $text }» er verken 1 eller 2
problem-unknown-decision = «{ $text }» er ikkje awarded, partly_awarded eller rejected
problem-negative = { $text } er negativt
problem-not-grant-year = «{ $text }» er ikkje eit tilskotsår (1, 2, …)
problem-grant1-no-expenses = tilskot 1 er eit fast beløp: la documented_expenses stå tom
problem-grant2-expenses = tilskot 2 krev dei dokumenterte utgiftene
problem-reason-needed = ei delvis innvilging eller eit avslag må ha ein grunn
problem-reason-too-long = høgst { $max } teikn på éi linje
problem-note-before = { $placement ->
    [withdrawal] etter denne tilbaketrekkinga:{ " " }
   *[other] { "" }
}
problem-note-after = { $placement ->
    [row] { "" }
   *[other] { " " }(hendinga «{ $kind }» er alt i databasen)
}
problem-not-settled = { problem-note-before }«{ $kind }»-hendinga gjeld { $person }, som ikkje er busett i registeret{ problem-note-after }
problem-after-exit = { problem-note-before }«{ $kind }»-hendinga den { $date } kjem etter at personen flytta ut { $exit }{ problem-note-after }
problem-second-entry = { problem-note-before }{ $person } er busett eller fødd ein gong til (første gong { $first }, { $first_at ->
    [stored] alt i databasen
   *[other] rad { $first_at }
}){ problem-note-after }
problem-before-settlement = { problem-note-before }«{ $kind }»-hendinga den { $date } kjem før personen vart busett { $settled }{ problem-note-after }
problem-move-to-same = { problem-note-before }flytting til { $municipality }, der { $person } alt bur{ problem-note-after }
problem-account-closed-year = konto { $account } har posteringar i { $year }, som er avslutta: gruppa og linja står som { $group } { $line }
problem-allocation-closed-year = rekneskapsåret { $year } er avslutta: tildelinga til { $key } i { $year } blir ikkje endra
problem-balance-line = linja til ein balansekonto er «statskasselinje|note8-linje»
problem-chart-line-none = oppstillingane har inga linje «{ $line }» for ein konto i gruppa { $group }: kontoar i denne gruppa har inga linje
problem-chart-line-unknown = oppstillingane har inga linje «{ $line }» for ein konto i gruppa { $group } (kjende linjer: { $known })
problem-control-character = har kontrollteiknet { $character }; bilagsnummer og tekst er éi linje med tekst som kan skrivast ut
problem-treasury-line = mellomværet med statskassa har inga linje «{ $line }»
problem-note8-line = note 8 har inga linje «{ $line }»
problem-not-a-budget-key = «{ $text }» er ikkje kapittel.post som 0671.60
problem-unknown-budget-key = ukjend kapittel/post { $key }
problem-not-a-year = «{ $text }» er ikkje eit årstal
problem-not-an-account = «{ $text }» er ikkje eit kontonummer
problem-twice = { $text } står to gonger
problem-unknown-group = ukjend gruppe «{ $text }»
problem-not-expense-or-income = «{ $text }» er verken expense eller income
problem-not-whole-kroner = «{ $text }» er ikkje heile kroner: tildelingar er i heile kroner
problem-unknown-account = ukjend konto «{ $text }»
problem-voucher-other-date = bilag { $voucher } er datert { $date } på ei tidlegare rad
problem-voucher-unbalanced = bilag { $voucher } går ikkje i balanse: posteringane summerer seg til { $sum }
problem-after-deadline = { $rule }: motteke { $received }, etter fristen { $due }
problem-no-rules-year = det finst ingen satsar for budsjettåret { $year }
problem-not-target-group = { $rule }: personen er ikkje i målgruppa for integreringstilskotet
problem-need-before-settlement = { $rule }: funksjonsnedsetjinga eller åtferdsvanskane må ha oppstått før busetjinga
problem-special-agreement = { $rule }: ein person busett på grunnlaget { $basis } treng ein særskild avtale
problem-not-lived-in = { $rule }: { $municipality } var ikkje kommunen til personen i nokon månad i { $year }
problem-deadline-passed = { $rule }: fristen { $due } har gått ut; ei forlenging må søkjast om før fristen
problem-extension-not-later = { $rule }: { $until } er ikkje etter fristen { $due }
problem-grant-years = { $rule }: tilskot { $grant } gjeld tilskotsår 1 til { $last } for denne personen, ikkje { $year }
problem-grant-clash = { $rule }: søknad { $reference } søkjer alt om tilskot { $grant } i tilskotsår { $year } for denne personen
problem-rejection-awards-nothing = R15/R16: eit avslag gjev ingenting, ikkje { $amount }
problem-more-than-allowed = R15/R16: { $amount } er meir enn dei { $allowed } som reglane tillèt
problem-awarded-is-whole = R15/R16: awarded tyder heile beløpet, { $allowed }; { $amount } er partly_awarded
problem-partly-needs-amount = R15/R16: partly_awarded krev eit beløp over 0
problem-no-application = det finst ingen søknad { $reference }
problem-before-received = før søknaden vart motteken { $received }
problem-person-gone = personen { $person } er ikkje lenger i registeret
problem-reference-taken = { $reference } er alt lagra med anna innhald: ein ny søknad får ein ny referanse
problem-reference-twice = { $reference } står òg på rad { $first }
problem-no-person = det finst ingen person { $person } i registeret
error-database-not-initialised = Databasen { $database } er ikkje klargjord. Køyr «tilskot init --start-period ÅÅÅÅ-MM» først.
error-database-url = Databaseadressa «{ $database }» kan ikkje brukast. Bruk sqlite://FIL eller postgres://…
error-database-missing = Databasen { $database } finst ikkje. Køyr «tilskot init --start-period ÅÅÅÅ-MM» for å lage han.
error-role-disability = Berre ein saksbehandlar for tilskotet ved nedsett funksjonsevne kan lese inn, avgjere eller forlengje søknader, og { $user } er ikkje det.
error-events-per-person = --events-per-person må vere minst 1.
error-from-after-to = --from { $from } er etter --to { $to }.
error-scale = --scale må vere over 0.
error-cannot-write = { $path } kan ikkje skrivast eller lagast.
error-admin-needed = Ein ny database treng den første administratoren sin: gje --admin NAMN.
problem-not-a-user-name = «{ $text }» er ikkje eit brukarnamn: 1–32 teikn av bokstavar, siffer, «.», «_» og «-».
problem-password-length = Eit passord har { $min } til { $max } teikn.
problem-full-name-length = Det fulle namnet har 1 til 100 teikn.
problem-no-scheme = Det finst inga ordning «{ $scheme }». «tilskot scheme list» viser ordningane.
problem-unknown-title = «{ $text }» er ikkje ein tittel: adviser, senior_adviser, director eller head_of_section.
problem-unknown-role = «{ $text }» er ikkje ei rolle: finance_officer, approver, caseworker, applicant, finance, auditor eller admin.
demo-database = Database: { $database } (tilskot betaler frå { $year }-01)
demo-register = Register: { $file } ({ $events } hendingar, 2018–{ $year }, frø { $seed }, skala { $scale })
demo-imported = { $events } hendingar lesne inn
demo-disability = Tilskot ved nedsett funksjonsevne: { $applications } søknader ({ $file }), { $decided } vedtak av { $caseworker } ({ $decisions })
demo-batch = Utbetaling { $period }: { $lines } linjer, { $total } kroner, satsar: { $rates }
demo-forecast = Prognosen for { $line } med busetjingsprognosen frå mars ({ $need } busetjingar i { $year }; { $file }):
demo-forecast-month = laga ved utgangen av { $month }: { $total } kroner ({ $above } kroner over utfallet)
demo-forecast-outcome = utfall (heile registeret): { $outcome } kroner; løyving { $allocation } kroner
demo-jobbsjansen = Jobbsjansen 2022: { $applications } søknader om { $applied } kroner mot ei ramme på { $frame } kroner
demo-jobbsjansen-outcome = innvilga { $awarded } kroner; utbetalt { $paid } kroner; frigjort ved årsslutt { $released } kroner; mindreforbruk { $underspend } kroner
demo-rates-note = MERK: satsane bak desse utbetalingane er ikkje vedtekne (svakaste status: { $status }). Plasshaldarsatsar er valde av prosjektet for at motoren skal kunne køyre; dei er ikkje verkelege satsar. Sjå «tilskot rules show --year { $year }».
demo-look = Sjå på:
demo-look-overview = { $file }  (oversikt per kommune og tilskot, summar per kapittel/post ved sida av årsrapporten)
demo-look-batches = { $folder }/batch-{ $year }-MM.csv og .html  (éi per månadleg utbetaling)
demo-look-payments = { $folder }/TS-*.xml  (betalingsfilene i pain.001, éi per betalt utbetaling)
demo-look-show = «tilskot --db sqlite://{ $database } batch show --period { $year }-07»
demo-look-serve = «tilskot --db sqlite://{ $database } serve --today { $today } --insecure-cookies», så http://127.0.0.1:8080/ som { $applicant } (søkjar), { $caseworker } (saksbehandlar) eller { $finance } (økonomi), passord { $password } (--today { $today }: året som blir spelt av, er over, så sidene viser det utbetalt, frigjort og med utlysingane lukka)
demo-look-forecast = { $file }  (prognosen for 2022 laga i kvar månad, ved sida av utfallet og løyvinga)
demo-done = Ferdig på { $elapsed }.
error-no-call = Det finst inga utlysing av ordninga { $scheme } for { $year }. «tilskot scheme list» viser utlysingane.
error-no-organisation = Det finst ingen organisasjon { $id }.
error-no-scheme-application = Det finst ingen søknad { $id }.
error-statements-not-written = Oppstillingane for { $year } vart ikkje skrivne: dei stemmer ikkje med sine eigne kontrollar. Loggmeldinga over seier kva som ikkje stemmer.
error-anchor-file = Ankerfila { $file } kan ikkje lesast som ankerpunkt for revisjonsloggen.
error-cannot-read = { $path } kan ikkje lesast.
error-as-of = --as-of { $as_of } er ikkje ein månad i { $year } eller året før.
error-apply-needs-user = --apply gjer vedtak: namngje saksbehandlaren med --user.
problem-unknown-applicant-kind = «{ $text }» er ikkje municipality, county eller voluntary_organisation.
problem-organisation-id = «{ $text }» er ikkje eit gyldig nummer for denne typen søkjar: ein kommune har kommunenummeret sitt (fire siffer), ein fylkeskommune eller ein frivillig organisasjon har organisasjonsnummeret sitt (ni siffer med rett kontrollsiffer).
basis-asylum = asyl
basis-resettlement = overføringsflyktning
basis-collective = kollektivt vern
basis-family = familiegjenforeining med flyktning
basis-family-humanitarian = familiegjenforeining med person med opphald på humanitært grunnlag
event-settled = busetjing
event-born = fødsel
event-moved = flytting
event-exited = utflytting eller død
explain-person = Person { $person }: fødd { $birth }, busett { $date } i { $municipality }, grunnlag: { $basis }, land { $country }, kategori: { $category }
explain-person-born = Person { $person }: fødd { $birth } i { $municipality } etter at mora vart busett, grunnlag (mora sitt): { $basis }, land { $country }, kategori: { $category }
explain-accruals-heading = Opptening:
explain-no-accruals = ingen i dei forklarte månadene
explain-accrual = { $period } { $grant }: { $amount } kroner til { $municipality }
explain-rate = sats: { $amount } kroner for { $year } ({ $status ->
         [adopted] vedteken
         [proposed] foreslått
         [inferred] utleidd
         [unverified] ikkje stadfesta
        *[placeholder] plasshaldar
    })
explain-before-start = før startmånaden: betalt av det førre systemet
explain-why = kvifor: { $why }
explain-payments-heading = Utbetalingar:
explain-no-payments = ingen
explain-payment = utbetalinga for { $period }, køyring { $run }: { $grant }, { $amount } kroner til { $municipality }
explain-payment-set-off = utbetalinga for { $period }, køyring { $run }: { $grant }, { $amount } kroner til { $municipality } (motrekning)
explain-nothing-due-heading = Ikkje noko å betale ut:
grant-short-integration = integreringstilskot
grant-short-minor = tilskot for einslege mindreårige
grant-short-norwegian = norsktilskot
explain-withdrawn-heading = Trekt tilbake fordi dei vart registrerte ved ein feil:
explain-withdrawn = { $kind } { $date }
explain-withdrawn-in = { $kind } { $date } i { $municipality }
explain-disability-heading = Tilskot ved nedsett funksjonsevne (R14–R19):
explain-disability-application = { $reference }: tilskot { $grant }, tilskotsår { $year } ({ $calendar }), { $municipality }, motteken { $received }
explain-disability-allowed-1 = høgst { $amount } kroner (R15: satsen for tilskot 1 i { $calendar })
explain-disability-allowed-2 = høgst { $amount } kroner (R16: dei dokumenterte utgiftene, men ikkje meir enn satsen for tilskot 2 i { $calendar })
explain-disability-no-rates = reglane har ingen satsar for { $calendar }, så kor mykje som kan innvilgast, er ikkje kjent
explain-decision = { $date } { $kind }: { $amount } kroner, av { $user }
explain-decision-reason = { $date } { $kind }: { $amount } kroner, av { $user }: { $reason }
explain-disability-in-force = gjeld: { $amount } kroner, opptent i { $period } (R19, månaden for det første vedtaket)
explain-disability-undecided = ikkje avgjort enno
explain-born-in-window = fødd { $born }, { $days } dagar etter at mora { $mother } vart busett { $settled } (R7): reknast som busett, kategori barn
explain-year1-unaccompanied = busett { $settled }, grunnlag: { $basis }, { $age } år og einsleg: eingongssum for tilskotsår 1, kategori: { $category } (R1, R3)
explain-year1-child = busett { $settled }, grunnlag: { $basis }, { $age } år: eingongssum for tilskotsår 1, kategori: { $category } (R1, R3)
explain-year1-single = busett { $settled }, grunnlag: { $basis }, { $age } år og den einaste i hushald { $household } som vart busett den dagen: eingongssum for tilskotsår 1, kategori: { $category } (R1, R3)
explain-year1-adult = busett { $settled }, grunnlag: { $basis }, { $age } år og ein av { $members } i hushald { $household } som vart busette den dagen: eingongssum for tilskotsår 1, kategori: { $category } (R1, R3)
explain-later-year = tilskotsår { $year } av { $years } (tilskotsåra blir talde frå { $clock }): månadsdelen av årssatsen (R2, R4; satsen for månaden, R0)
explain-elderly = { $age } år på busetjingsdatoen { $settled }, 60 år eller eldre (R8)
explain-kindergarten = { $age } år på busetjingsdatoen { $settled }, under 6 år (R8)
explain-minor-high = einsleg mindreårig som fyller { $turns } i { $year }: høg sats til og med året personen fyller 16; blir betalt til og med desember det året personen fyller 20 (R9, R10)
explain-minor-low = einsleg mindreårig som fyller { $turns } i { $year }: låg sats frå året personen fyller 17; blir betalt til og med desember det året personen fyller 20 (R9, R10)
explain-norwegian-low = { $age } år ved busetjinga, grunnlag: { $basis }, land { $country }: låg sats, tilskotsår { $year } (R11)
explain-norwegian-high = { $age } år ved busetjinga, grunnlag: { $basis }, land { $country }: høg sats, tilskotsår { $year } (R11)
explain-collective-rate = kollektivt vern: éin eingongssum for tilskotsår 1 etter satsen for kollektivt vern det året, ingen tilskotsår 2 og 3 (R12)
explain-collective-ordinary = kollektivt vern: éin eingongssum for tilskotsår 1 etter den vanlege satsen, sidan året ikkje har eigen sats for kollektivt vern, ingen tilskotsår 2 og 3 (R12)
explain-by-rule = etter regel { $rule } ({ $name })
explain-settled-in = busett { $date } i { $municipality }
explain-born-where = fødd i { $municipality }, der mora { $mother } budde
explain-moved = flytta { $date }, ny kommune { $municipality } frå { $from } (R5)
explain-moving = flytta { $date } til { $municipality }, som tek over frå { $from } (R5)
explain-exited = flytta ut eller døydde { $date }: månadene etter { $period } gjev ikkje tilskot (R6)
explain-born-outside-window = fødd { $days } dagar etter at mora vart busett { $settled }, meir enn { $limit } dagar (R7)
explain-integration-ended = dei { $years } tilskotsåra for grunnlaget «{ $basis }» tok slutt i { $last } (R1, R2)
explain-integration-no-month = ingen av dei forklarte månadene er i eit tilskotsår som gjev tilskot (R2)
explain-minor-category = ikkje einsleg mindreårig på busetjingsdatoen (kategori: { $category }) (R9)
explain-minor-ended = tilskotet tok slutt i desember { $year } (R9)
explain-norwegian-born = eit barn som er fødd etter busetjinga, er ikkje i målgruppa for norsktilskotet (R11)
explain-norwegian-age = { $age } år på busetjingsdatoen, utanfor { $from }–{ $to } år (R11)
explain-norwegian-collective = kollektivt vern gjev berre éin eingongssum for tilskotsår 1 (R12)
explain-norwegian-timing = dei tre eingongssummane fell i busetjingsmånaden og dei to neste januarmånadene (R11)
person-rate = Sats
person-why = Kvifor
help = Tilskotsforvaltning og utbetaling for eit statleg integreringsdirektorat
help-arg-db = Databasen: sqlite://FIL eller postgres://…; berre `init` lagar ein ny
help-arg-rules = Mappa med regelfilene (<år>.toml)
help-arg-lang = Målforma tilskot skriv: nn (nynorsk, standard) eller nb (bokmål)
help-init = Lag databaseskjemaet og skriv ned månaden tilskot betaler frå
help-init-arg-start-period = Opptening før denne månaden vart betalt av det førre systemet
help-init-arg-admin = Den første administratoren (må givast for ein ny database); passordet er TILSKOT_PASSWORD, elles blir du spurd i terminalen
help-rules = Kontroller eller vis satsane i regelfilene
help-rules-check = Kontroller kvar regelfil
help-rules-show = Vis satsane for eit år med status og kjelde
help-rules-show-arg-year = Året
help-register = Busetjingsregisteret
help-register-import = Les inn ei registerfil (CSV eller XLSX): alle hendingane eller ingen
help-register-import-arg-file = Registerfila
help-register-import-arg-sheet = Arket i arbeidsboka som skal lesast (standard: det første synlege)
help-register-import-arg-user = Kven som les inn: økonomi eller ein administrator (med passordet i TILSKOT_PASSWORD); skrive i revisjonsloggen
help-accruals = Vis oppteninga per kommune, tilskot og månad
help-accruals-arg-from = Den første månaden (ÅÅÅÅ-MM)
help-accruals-arg-to = Den siste månaden (ÅÅÅÅ-MM)
help-accruals-arg-format = Utdataformatet
help-disability = Tilskot ved nedsett funksjonsevne, etter søknad: innlesing, utsetjing, vedtak og status
help-disability-import = Les inn søknader (CSV eller XLSX): alle radene eller ingen, ein gong per referanse. Kolonnar: «reference,municipality,person_id,grant,grant_year,documented_expenses,originated_before_settlement,special_agreement,received»
help-disability-import-arg-file = Søknadsfila
help-disability-import-arg-user = Ein saksbehandlar for tilskotet (med passordet i TILSKOT_PASSWORD); skrive i revisjonsloggen
help-disability-extend = Utset fristen for ein søknad (R18); må bli bede om før fristen går ut
help-disability-extend-arg-reference = Referansen til søknaden
help-disability-extend-arg-until = Den nye fristen (ÅÅÅÅ-MM-DD)
help-disability-extend-arg-user = Ein saksbehandlar for tilskotet
help-disability-decide = Skriv ned vedtak (kolonnar «reference,decision,amount,reason,date»): alle radene eller ingen; eit seinare vedtak på ein referanse erstattar det førre
help-disability-decide-arg-file = Vedtaksfila
help-disability-decide-arg-user = Ein saksbehandlar for tilskotet
help-disability-status = Køen for eit år: mottekne, avgjorde og innvilga søknader, restansane etter alder og sakshandsamingstida frå mottak til vedtak
help-disability-status-arg-year = Året
help-forecast = Prognose for eit budsjettår med dei same reglane som betaler: registeret til og med ein månad og ein prognose etter han, mot løyvinga (F1–F3)
help-forecast-arg-year = Budsjettåret
help-forecast-arg-as-of = Månaden prognosen blir laga ved utgangen av: registeret til og med han, prognosen etter han
help-forecast-arg-rolling = Prognosen slik han var ved utgangen av kvar månad i året, ved sida av utfallet
help-forecast-arg-prognosis = Venta busetjingar (CSV eller XLSX): «month,municipality,basis,category,country,count»
help-forecast-arg-sheet = Arket i arbeidsboka som skal lesast (standard: det første synlege)
help-forecast-arg-format = Utdataformatet
help-batch = Månadlege utbetalingar
help-batch-run = Rekn ut og lagre utbetalinga for ein månad
help-batch-run-arg-period = Månaden (ÅÅÅÅ-MM)
help-batch-run-arg-user = Saksbehandlaren i økonomi (eller økonomibrukaren) som reknar ut
help-batch-attest = Attester (kontroller) den gjeldande køyringa for ein månad
help-batch-attest-arg-period = Månaden (ÅÅÅÅ-MM)
help-batch-attest-arg-user = Den som attesterer
help-batch-approve = Godkjenn (anvis) ei attestert utbetaling; den som attesterte, kan ikkje
help-batch-approve-arg-period = Månaden (ÅÅÅÅ-MM)
help-batch-approve-arg-user = Den som godkjenner
help-batch-reject = Avvis ei attestert eller godkjend utbetaling tilbake til utrekna, med ei grunngjeving
help-batch-reject-arg-period = Månaden (ÅÅÅÅ-MM)
help-batch-reject-arg-user = Den som avviser
help-batch-reject-arg-reason = Kvifor utbetalinga blir avvist
help-batch-pay = Betal ei godkjend utbetaling, nøyaktig éin gong, og skriv betalingsfila (pain.001)
help-batch-pay-arg-period = Månaden (ÅÅÅÅ-MM)
help-batch-pay-arg-out = Mappa betalingsfila skal til
help-batch-pay-arg-allow-unverified-rates = Betal sjølv om satsar ikkje er vedtekne; det blir skrive på utbetalinga
help-batch-pay-arg-user = Saksbehandlaren i økonomi som sender betalinga
help-batch-list = Vis kvar køyring i kvar månad (eller i eitt år) med status, storleik, sum, satsar og kven som attesterte og godkjende: kva som ventar på kven
help-batch-list-arg-year = Berre dette året
help-batch-show = Vis utbetalinga for ein månad (alle køyringane, eller éi)
help-batch-show-arg-period = Månaden (ÅÅÅÅ-MM)
help-batch-show-arg-run = Berre denne køyringa
help-batch-show-arg-format = Utdataformatet
help-explain = Forklar oppteninga og utbetalingane for ein person
help-explain-arg-person = Personen (id-en i registeret)
help-explain-arg-period = Berre oppteninga og utbetalingane i denne månaden
help-accounts = Rekneskapen: les inn kontoplan, budsjettlinjer, løyvingar og hovudbok
help-accounts-import = Les inn rekneskapsfiler, alle eller ingen; dei same filene to gonger legg ikkje til noko
help-accounts-import-arg-chart = Kontoplanen
help-accounts-import-arg-budget = Budsjettlinjene
help-accounts-import-arg-allocations = Løyvingane
help-accounts-import-arg-ledger = Hovudboka
help-accounts-import-arg-user = Kven som les inn: økonomi eller ein administrator (med passordet i TILSKOT_PASSWORD); skrive i revisjonsloggen
help-report = Årsrekneskapen og journalen til revisoren
help-report-statements = Skriv årsrekneskapen for eit år: ni CSV-filer eller eitt HTML-dokument
help-report-statements-arg-year = Året
help-report-statements-arg-format = Utdataformatet
help-report-statements-arg-out = Mappa (CSV) eller fila (HTML) rekneskapen skal til
help-report-statements-arg-anchor = Ankerfila ved sida av utboksen for betalingar: alle kontrollane går først, revisjonskjeda mot denne
help-report-journal = Skriv rekneskapen for året som ein hledger-journal
help-report-journal-arg-year = Året
help-report-journal-arg-out = Fila journalen skal til
help-user = Brukarar og rollene deira
help-user-add = Legg til ein brukar, eller endre passordet, rolla, organisasjonen eller ordningane til ein, som administrator (`--user`, passordet i TILSKOT_PASSWORD). Passordet til den nye brukaren er TILSKOT_NEW_PASSWORD, elles blir du spurd i terminalen
help-user-add-arg-user = Administratoren som legg til brukaren
help-user-add-arg-name = Brukarnamnet
help-user-add-arg-role = Rolla: finance_officer (saksbehandlar i økonomi), approver (godkjennar), caseworker (saksbehandlar), applicant (søkjar), finance (økonomi), auditor (revisor) eller admin (administrator)
help-user-add-arg-organisation = Organisasjonen til ein søkjar
help-user-add-arg-schemes = Ordningane til ein saksbehandlar (gjenta for fleire)
help-user-signature = Set korleis ein brukar skriv under vedtaksbrev: fullt namn og tittel, som administrator (`--user`)
help-user-signature-arg-user = Administratoren
help-user-signature-arg-name = Brukarnamnet
help-user-signature-arg-full-name = Det fulle namnet under brevet («Kari Nordmann»)
help-user-signature-arg-title = Tittelen: adviser (rådgjevar), senior_adviser (seniorrådgjevar), director (direktør) eller head_of_section (seksjonssjef)
help-user-disable = Steng ein brukar som sluttar, som administrator (`--user`): brukaren kan ikkje lenger logge inn eller handle, øktene blir avslutta, og namnet står att på alt brukaren gjorde
help-user-disable-arg-user = Administratoren
help-user-disable-arg-name = Brukarnamnet
help-user-enable = La ein stengd brukar handle igjen, som administrator (`--user`)
help-user-enable-arg-user = Administratoren
help-user-enable-arg-name = Brukarnamnet
help-user-list = Vis alle brukarane med rolle, organisasjon, ordningar og om dei kan handle, som administrator eller revisor (`--user`)
help-user-list-arg-user = Administratoren eller revisoren
help-scheme = Skjønnsmessige ordningar: utlysingar, rammer, organisasjonar, brukarar på nett, fordeling, utbetaling og frigjering av tilsegner
help-scheme-load = Les inn ordningane (utlysingar, rammer, kriterium) frå ei TOML-fil
help-scheme-load-arg-file = TOML-fila
help-scheme-list = Vis utlysingane med rammene deira
help-scheme-status = Ramme, innvilga, utbetalt, frigjort, uteståande og tilgjengeleg for ei utlysing
help-scheme-status-arg-scheme = Ordninga
help-scheme-status-arg-year = Året
help-scheme-organisation = Legg til ein søkjarorganisasjon (ein kommune med kommunenummeret, ein fylkeskommune eller ein frivillig organisasjon med organisasjonsnummeret)
help-scheme-organisation-arg-id = Kommunenummeret eller organisasjonsnummeret
help-scheme-organisation-arg-name = Namnet på organisasjonen
help-scheme-organisation-arg-kind = Typen: municipality (kommune), county (fylkeskommune) eller voluntary_organisation (frivillig organisasjon)
help-scheme-organisation-arg-user = Administratoren som legg han til (med passordet i TILSKOT_PASSWORD); skrive i revisjonsloggen
help-scheme-propose = Vis fordelinga rangeringa gjer framlegg om; med --apply blir ho skriven som vedtak, kvart i sin eigen transaksjon med kontroll mot ramma
help-scheme-propose-arg-scheme = Ordninga
help-scheme-propose-arg-year = Året
help-scheme-propose-arg-apply = Gjer framlegget til vedtak
help-scheme-propose-arg-user = Saksbehandlaren som gjer vedtak med --apply (med passordet i TILSKOT_PASSWORD); skrive på kvart vedtak
help-scheme-pay = Betal forpliktinga til eit tilsegn og før ho i rekneskapen
help-scheme-pay-arg-application = Søknaden
help-scheme-pay-arg-date = Betalingsdatoen (standard: i dag); han må vere i året til ordninga
help-scheme-pay-arg-user = Brukaren som handlar (med passordet i TILSKOT_PASSWORD)
help-scheme-release = Frigjer ei forplikting som ikkje er betalt, tilbake til ramma
help-scheme-release-arg-application = Søknaden
help-scheme-release-arg-reason = Kvifor forpliktinga blir frigjord
help-scheme-release-arg-user = Brukaren som handlar (med passordet i TILSKOT_PASSWORD)
help-scheme-close-year = Årsslutt: frigjer kvar forplikting i ei utlysing som ikkje er betalt, og vis mindreforbruket
help-scheme-close-year-arg-scheme = Ordninga
help-scheme-close-year-arg-year = Året
help-scheme-close-year-arg-user = Brukaren som handlar (med passordet i TILSKOT_PASSWORD)
help-serve = Køyr nettløysinga (sider og JSON-API)
help-serve-arg-addr = Adressa og porten tenaren lyttar på
help-serve-arg-today = Bruk denne datoen som dagens dato (utlysingar, betalingar); til demonstrasjonar
help-serve-arg-insecure-cookies = Øktkapslar utan `Secure` og `__Host-`, for vanleg HTTP på localhost; utan dette valet treng kapslane HTTPS
help-check = Køyr alle kontrollane tilskot kjenner: revisjonskjeda og ankeret hennar, linjene i kvar utbetaling mot hashane deira, at bilag balanserer, krava til årsrekneskapen for kvart år med posteringar, regelfilene, kvar ramme mot forpliktingane, og registerbiletet og sidene med registerhendingar mot hendingane. Med --user blir overleveringa til banken retta opp først (betalingsfiler til utboksen når betalinga er lagra, elles til void/). Avsluttar med 1 og namngjev kvar feil
help-check-arg-out = Utboksen for betalingsfiler (ankerfila ligg ved sida av)
help-check-arg-user = Kven som rettar opp overleveringa (med passordet i TILSKOT_PASSWORD)
help-check-arg-year = Kontroller berre årsrekneskapen for dette året
help-close-year = Lukk eit år: køyr alle kontrollane, frigjer kvar forplikting i året som ikkje er betalt, og lås året: ingen bilag, utbetalingar, tilsegner, betalingar, frigjeringar, løyvingar eller rekneskapslinjer for ein konto med posteringar endrar seg i det lenger
help-close-year-arg-year = Året
help-close-year-arg-user = Ein økonomibrukar eller ein revisor (med passordet i TILSKOT_PASSWORD)
help-close-year-arg-out = Utboksen for betalingsfiler (ankerfila ligg ved sida av)
help-audit = Revisjonsloggen over endringane i utbetalingane
help-audit-verify = Rekn ut hashkjeda på nytt, hash dei lagra linjene i kvar utbetaling mot oppføringane, kontroller at kvar status har si oppføring, og kontroller kjeda mot ankerfila som blir skriven ved kvar betaling
help-audit-verify-arg-anchor = Ankerfila (ved sida av utboksen for betalingar)
help-audit-log = Skriv kvar oppføring i revisjonsloggen som CSV, med felta hashen dekkjer, til revisoren sine eigne verktøy
help-bench = Mål innlesing, opptening, utbetalingane for 2022 og årsrekneskapen for ein million posteringar, i ein skala av volumet i årsrapporten
help-bench-arg-scale = Skalaen: 1 er volumet i årsrapporten
help-bench-arg-dir = Mappa registeret og SQLite-databasen blir skrivne til
help-bench-arg-compare-openfisca = Mål òg OpenFisca-modellen av integreringstilskotet og tilskotet for einslege mindreårige på det same registeret (python3 med openfisca-core)
help-bench-arg-openfisca-model = OpenFisca-modellen det skal samanliknast med
help-bench-arg-events-per-person = Til lasttestar: flyttingar blir lagde til til registeret har om lag så mange hendingar per person
help-bench-arg-runs = Køyringar av kvart steg, kvar på ein ny database og i ein eigen prosess; tabellen viser minste, median og største. Med `--db` bruker køyringane etter den første ein tom database `<namn>_run<N>` ved sida av den som er namngitt, laga og fjerna av målinga
help-generate = Skriv eit syntetisk register forma etter årsrapporten
help-generate-arg-from = Det første busetjingsåret
help-generate-arg-to = Det siste busetjingsåret
help-generate-arg-seed = Frøet til tilfeldige tal: det same frøet gjev det same registeret
help-generate-arg-scale = Skalaen: 1 er volumet i årsrapporten
help-generate-arg-events-per-person = Til lasttestar: flyttingar blir lagde til til registeret har om lag så mange hendingar per person (det forma registeret har om lag éi)
help-generate-arg-out = Fila registeret skal til
help-demo = Hovudjobben på ein ny SQLite-database: lag registeret for 2018–2022, køyr dei tolv utbetalingane i 2022 og skriv rapportane
help-demo-arg-dir = Mappa databasen og rapportane blir skrivne til
help-demo-arg-seed = Frøet til tilfeldige tal
help-demo-arg-scale = Skalaen: 1 er volumet i årsrapporten
cli-help-usage = Bruk
cli-help-commands = Kommandoar
cli-help-arguments = Argument
cli-help-options = Val
cli-help-options-placeholder = [VAL]
cli-help-command-placeholder = KOMMANDO
cli-help-help = Vis denne hjelpa
cli-help-version = Vis versjonen
cli-help-default = standard: { $value }
cli-help-env = miljøvariabel: { $name }
cli-help-values = val: { $values }
cli-help-exit-status = Avslutningsstatus: 0 ferdig; 1 inndata eller handlinga vart avvist (meldinga seier kvifor); 2 noko gjekk gale inne i tilskot (meldinga seier kva).
cli-value-addr = ADRESSE
cli-value-admin = BRUKAR
cli-value-allocations = FIL
cli-value-anchor = FIL
cli-value-application = SØKNAD
cli-value-as-of = MÅNAD
cli-value-budget = FIL
cli-value-chart = FIL
cli-value-date = DATO
cli-value-db = DATABASE
cli-value-dir = MAPPE
cli-value-events-per-person = TAL
cli-value-file = FIL
cli-value-format = FORMAT
cli-value-from = FRÅ
cli-value-full-name = NAMN
cli-value-id = NUMMER
cli-value-kind = TYPE
cli-value-lang = MÅLFORM
cli-value-ledger = FIL
cli-value-name = NAMN
cli-value-openfisca-model = FIL
cli-value-organisation = ORGANISASJON
cli-value-out = STAD
cli-value-period = MÅNAD
cli-value-person = PERSON
cli-value-prognosis = FIL
cli-value-reason = GRUNN
cli-value-reference = REFERANSE
cli-value-role = ROLLE
cli-value-rules = MAPPE
cli-value-run = KØYRING
cli-value-runs = TAL
cli-value-scale = SKALA
cli-value-scheme = ORDNING
cli-value-schemes = ORDNING
cli-value-seed = FRØ
cli-value-sheet = ARK
cli-value-start-period = MÅNAD
cli-value-title = TITTEL
cli-value-to = TIL
cli-value-today = DATO
cli-value-until = DATO
cli-value-user = BRUKAR
cli-value-year = ÅR
problem-not-a-language = «{ $text }» er ikkje ei målform tilskot skriv: nn (nynorsk) eller nb (bokmål)
cli-usage-unknown-argument = Kommandoen tek ikkje imot «{ $arg }».
cli-usage-unknown-command = «{ $command }» er ikkje ein kommando her.
cli-usage-did-you-mean = Meinte du «{ $suggestion }»?
cli-usage-missing = Dette manglar: { $args }
cli-usage-missing-command = Vel ein av desse kommandoane: { $commands }
cli-usage-value-missing = { $arg } treng ein verdi.
cli-usage-choice = «{ $value }» er ikkje eit val for { $arg }: vel mellom { $values }.
cli-usage-value = «{ $value }» er ikkje ein gyldig verdi for { $arg }.
cli-usage-not-a-number = «{ $value }» er ikkje eit tal.
cli-usage-not-a-whole-number = «{ $value }» er ikkje eit heilt tal innanfor det som er lov her.
cli-usage-not-a-date = «{ $value }» er ikkje ein dato på forma ÅÅÅÅ-MM-DD.
cli-usage-repeated = { $arg } kan berre givast éin gong.
cli-usage-conflict = { $arg } kan ikkje brukast saman med { $other }.
cli-usage-extra-value = «{ $value }» er éin verdi for mykje.
cli-usage-number-of-values = { $arg } treng { $expected } verdiar, men fekk { $actual }.
cli-usage-not-utf8 = Eit argument er ikkje gyldig UTF-8.
cli-usage-wrong = Kommandolinja er ikkje rett.
cli-usage-see-help = Sjå «{ $command } --help».
cli-usage-or = eller
statement-check-note-a = Note A: samla tildeling er lik overført frå året før pluss årets tildelingar
statement-check-note-b-maximum = Note B: mogleg overførbart beløp er ikkje større enn det som maksimalt kan overførast
statement-check-note-b-basis = Note B: mogleg overførbart beløp er ikkje større enn grunnlaget for overføring (eller 0)
statement-check-note-b-positive = Note B: mogleg overførbart beløp er ikkje negativt
statement-check-capital = Kapitalkontoane: netto rapportert, innbetalingar og utbetalingar over statskontoar og endringa i mellomværet med statskassa går i null
statement-check-net = Netto rapportert er det same i løyvingsrapporteringa og artskontorapporteringa
statement-check-line-note = «{ $line }» i artskontorapporteringa er lik summen i { $note }
statement-check-note-total = «{ $total }» er lik summen av linjene sine
statement-check-treasury-lines = Mellomværet med statskassa er lik summen av linjene sine
statement-check-note-8 = Note 8: rapportert mellomvære er lik mellomværet med statskassa
report-batch-title = Utbetaling { $period }
report-batch-heading = Utbetaling av tilskot, termin { $period }
report-batch-heading-run = Utbetaling av tilskot, termin { $period } (tilleggskøyring { $run })
report-batch-intro = Berekna { $computed }. Beløp i kroner; negative beløp er motrekning i utbetalinga til kommunen.
report-batch-not-adopted = Satsane er ikkje vedtekne.
report-batch-rates-warning = Utbetalinga er berekna med satsar der den svakaste statusen er «{ $status }». Plasshaldarsatsar er aldri verkelege satsar: beløpa viser motoren i arbeid, ikkje det ein kommune har krav på.
report-batch-empty = Ingen termin fell i denne månaden, eller ingenting er endra sidan førre termin: utbetalinga er tom.
report-municipality = Kommune
report-name = Namn
report-net = Netto
report-sum = Sum
report-overview-title = Utbetalingar { $year }
report-overview-heading = Utbetalingar av tilskot til kommunar { $year }
report-overview-intro = { $persons } personar i busetjingsregisteret ({ $events } hendingar). Dei tolv månadlege utbetalingane i { $year } står nedanfor, kvar med ei CSV-fil og ei HTML-side.
report-overview-not-adopted = Tala byggjer på satsar som ikkje er vedtekne.
report-overview-rates-warning = Den svakaste statusen til ein sats bak dei er «{ $status }». Der statusen er «plasshaldar», fanst det ikkje noko offisielt tal, og prosjektet valde eitt slik at motoren kan køyre: summane er av den storleiken årsrapporten viser, men dei er ikkje det nokon kommune hadde krav på. «tilskot rules show --year { $year }» viser kvar sats med status og kjelde.
report-budget-lines = Sum per kapittel/post
report-chapter-post = Kap./post
report-paid = Utbetalt av tilskot
report-reported = Rekneskap i årsrapporten
report-difference = Skilnad
report-share = Del av rekneskapen
report-note = Merknad
report-note-disability-included = rekneskapen har med om lag 606 mill. kr i søknadsbasert tilskot ved nedsett funksjonsevne; demoen lagar søknader av den storleiken
report-batches = Utbetalingar
report-term = Termin
report-run = Køyring
report-municipalities = Kommunar
report-rates = Satsar
report-files = Filer
report-per-municipality = Per kommune og tilskot
report-forecast-title = Prognose { $year }
report-forecast-heading = Prognose for { $year } per { $as_of }
report-forecast-rolling-heading = Prognosar for { $year } laga kvar månad, mot utfallet
report-forecast-intro = Registeret slik det var ved utgangen av månaden, og personane prognosen ventar busette etter det, rekna med dei same reglane og satsane som betaler ut.
report-forecast-rolling-intro = Kvar rad er prognosen for heile året slik han ville vore laga ved utgangen av månaden: registeret til då, og prognosen for månadene etter. Utfallet er opptent etter heile registeret.
report-forecast-accrued = Opptent til og med
report-forecast-expected-rest = Venta resten av året
report-forecast-expected-total = Venta i alt
report-forecast-allocation = Løyving
report-forecast-difference = Venta mindreforbruk (+) / meirforbruk (−)
report-forecast-made = Laga per
report-forecast-outcome = Utfall
report-forecast-rates-from = Frå
report-forecast-rates-warning = Nokre satsar har status «{ $status }» og er ikkje vedtekne. Ein prognose kan bruke dei; ei utbetaling kan ikkje.
report-forecast-rate = Sats
report-forecast-kroner = Kroner
report-forecast-status = Status
report-html = HTML
report-csv = CSV
rules-syntax = { $file }: linje { $line }: dette er ikkje gyldig TOML
rules-not-a-year = { $file }: { $key }: { $value } er ikkje eit år
rules-year-not-file = { $file }: { $key }: fila heiter { $stem }, men seier året { $year }
rules-lag-months = { $file }: { $key }: { $value } er ikkje mellom 0 og 12 månader
rules-country-code = { $file }: { $key }: «{ $code }» er ikkje ein landkode på to bokstavar (ISO 3166-1 alpha-2)
rules-duplicate-year = { $file }: { $key }: året { $year } finst alt i { $other }
rules-terms-not-array = { $file }: { $key }: må vere ei liste av tabellar [[payment_terms]]
rules-missing = { $file }: { $key }: manglar
rules-not-a-table = { $file }: { $key }: må vere ein tabell
rules-not-a-month = { $file }: { $key }: { $value } er ikkje ein månad (1–12)
rules-through = { $file }: { $key }: «{ $text }» er ikkje den siste dagen i ein månad (MM-DD)
rules-unknown-grant = { $file }: { $key }: «{ $text }» er ikkje ein tilskotskode
rules-grant-without-term = { $file }: { $key }: ingen termin betaler «{ $grant }»
rules-two-terms = { $file }: { $key }: to terminar betaler «{ $grant }» i same månad
rules-unknown-rate = { $file }: { $key }: ukjend sats
rules-missing-rate = { $file }: { $key }: satsen manglar
rules-not-integer = { $file }: { $key }: må vere eit heiltal, men er { $found }
rules-negative = { $file }: { $key }: beløpet { $value } er negativt
rules-too-large = { $file }: { $key }: beløpet er for stort
rules-not-whole = { $file }: { $key }: { $value } er ikkje eit heilt beløp: satsane er i heile kroner
rules-not-amount = { $file }: { $key }: må vere eit heilt beløp i kroner, men er { $found }
rules-empty = { $file }: { $key }: kan ikkje vere tom
rules-not-string = { $file }: { $key }: må vere ein tekst, men er { $found }
rules-not-list = { $file }: { $key }: må vere ei liste av tekstar
rules-status = { $file }: { $key }: «{ $text }» er ikkje adopted, proposed, inferred, unverified eller placeholder
rules-unknown-key = { $file }: { $key }: ukjend nøkkel
rules-dir-unreadable = { $file }: mappa med regelfiler kan ikkje lesast
rules-file-unreadable = { $file }: fila kan ikkje lesast
rules-no-files = { $file }: mappa har ingen regelfiler (<år>.toml)
toml-type-string = ein tekst
toml-type-integer = eit heiltal
toml-type-float = eit desimaltal
toml-type-boolean = ein sannverdi
toml-type-datetime = eit tidspunkt
toml-type-array = ei liste
toml-type-table = ein tabell
rules-schemes-shape = { $file }: linje { $line }: dette passar ikkje med forma til ei ordningsfil (ein ukjend eller manglande nøkkel, ein verdi av feil type eller feil TOML)
rules-scheme-twice = { $file }: { $key }: ordninga er gitt to gonger
rules-scheme-frame = { $file }: { $key }: «{ $text }» er ikkje ei ramme: ei ramme er heile, positive kroner
rules-scheme-budget-line = { $file }: { $key }: «{ $text }» er ikkje ein kapittelpost (kkkk.pp)
rules-scheme-applicant-kind = { $file }: { $key }: «{ $text }» er ikkje municipality, county eller voluntary_organisation
rules-scheme-date = { $file }: { $key }: «{ $text }» er ikkje ein dato (ÅÅÅÅ-MM-DD)
rules-scheme-call-order = { $file }: { $key }: utlysinga stengjer før ho opnar
rules-scheme-criteria = { $file }: { $key }: ei ordning har kriterium, kvart med ei vekt over null
person-nothing-due = Ikkje noko å betale ut
explain-rule = regel { $rule } ({ $name })
explain-grant-year = tilskotsår { $year }
explain-category = kategori: { $category }
person-disability = Tilskot ved nedsett funksjonsevne (R14–R19)
cli-check-event-pages = Sidene med registerhendingar held dei same hendingane som radene, i same rekkjefølgje.
check-failed = { $count ->
    [one] Éin kontroll feila:
   *[other] { $count } kontrollar feila:
}
check-failed-unnamed = Ein kontroll feila. Kva som feila, står i loggen.
check-statements-failed = Rekneskapen for { $year } stemmer ikkje: oppgjeve { $asserted } kroner, rekna ut { $calculated } kroner, skilnad { $difference } kroner, i denne kontrollen:
check-event-pages-count = Sidene med registerhendingar held { $paged } hendingar, radene { $rows }.
check-event-pages-differ = Sidene med registerhendingar skil seg frå radene frå hending { $event } og utover.
check-event-pages-unreadable = Side { $page } av registerhendingane frå innlesing { $import } kan ikkje lesast. Registeret blir lese frå radene til dette er retta.
check-snapshot-differs = Det lagra registerbiletet ({ $lag } månader før ei flytting tel, { $events } hendingar) skil seg frå personane hendingane gjev.
check-snapshot-unreadable = Det lagra registerbiletet ({ $lag } månader før ei flytting tel) kan ikkje lesast.
check-frame-overrun = Ramma for { $scheme } { $year } går ikkje opp: tildelt { $awarded } kroner, utbetalt { $paid } kroner og frigjort { $released } kroner mot ei ramme på { $frame } kroner.
audit-link-broken = Innslag { $entry } i revisjonsloggen heng ikkje saman med innslaget før: det viser til ein annan hash enn den det førre innslaget har.
audit-entry-changed = Innslag { $entry } i revisjonsloggen er endra: innhaldet stemmer ikkje med hashen.
audit-batch-lines-changed = Linjene i utbetalinga for { $period } (køyring { $run }, id { $batch }) gjev ikkje lenger hashen utbetalinga vart lagra med: ei linje er endra.
audit-batch-lines-not-as-entry = Linjene i utbetalinga for { $period } (køyring { $run }, id { $batch }) gjev ikkje hashen som innslag { $entry } i revisjonsloggen ({ $action ->
    [compute] utrekninga
    [attest] attesteringa
    [approve] godkjenninga
   *[other] betalinga
}) skreiv ned.
audit-batch-entry-missing = Utbetalinga for { $period } (køyring { $run }, id { $batch }) har status «{ $status }», men revisjonsloggen manglar innslaget for { $action ->
    [compute] utrekninga
    [attest] attesteringa
    [approve] godkjenninga
   *[other] betalinga
}.
audit-entry-without-batch = Innslag { $entry } i revisjonsloggen ({ $action ->
    [approve] ei godkjenning
   *[other] ei betaling
}) gjeld utbetaling id { $batch }, som ikkje finst.
audit-entry-ahead-of-batch = Innslag { $entry } i revisjonsloggen ({ $action ->
    [approve] ei godkjenning
   *[other] ei betaling
}) gjeld utbetalinga for { $period } (køyring { $run }), som har status «{ $status }».
audit-anchor-missing = Ankerfila har innslag { $entry } med hashen { $hash }, men revisjonsloggen i databasen har ikkje lenger dette innslaget: innslag er fjerna eller endra.
audit-no-anchor = Revisjonsloggen har { $payments ->
    [one] éi betaling
   *[other] { $payments } betalingar
}, men { $file } har ikkje noko ankerpunkt. Kvar betaling skriv eit ankerpunkt i ankerfila ved sida av utboksen: gje rett fil med --anchor, eller finn ut kven som fjerna ho.
audit-paid-sums-differ = Dei utbetalte summane som vart lagra ved siste betaling, skil seg frå linjene i dei betalte utbetalingane i { $lines ->
    [one] éi linje
   *[other] { $lines } linjer
}.
audit-paid-lines-unrecorded = Den betalte utbetalinga for { $period } (id { $batch }) har linjer, men ikkje noko betalingsinnslag i revisjonsloggen.
audit-paid-lines-changed = Linjene i den betalte utbetalinga for { $period } (id { $batch }) gjev ikkje lenger hashen betalinga skreiv ned, så ein veit ikkje kva som vart betalt.
audit-paid-sums-unrecorded = Dei utbetalte summane som vart lagra ved betalinga av utbetaling id { $batch }, har ikkje noko innslag i revisjonsloggen.
audit-paid-sums-changed = Dei utbetalte summane som vart lagra ved betalinga av utbetaling id { $batch }, gjev ikkje lenger hashen betalinga skreiv ned, så ein veit ikkje kva som vart betalt.
audit-paid-sums-out-of-order = Dei utbetalte summane som vart lagra ved betalinga av utbetaling id { $batch }, er ikkje éi linje per kommune, tilskot og person i fast rekkjefølgje, utan nullbeløp, slik ei betaling skriv dei.
audit-paid-sums-cover-unpaid = Dei lagra utbetalte summane tek med utbetaling id { $batches }, som ikkje lenger er betalt.

# Refusals that told only their English text before 2026-12-06.
error-not-caseworker-of-scheme = Berre ein saksbehandlar for ordninga kan gjere vedtak i søknad { $id }.
error-declare-before-deciding = Meld frå om inhabilitet i søknad { $id } før du gjer vedtak.
error-no-disability-application = Det finst ingen søknad om tilskot ved nedsett funksjonsevne med referansen { $reference }.
error-database-unreachable = Databasen { $database } kan ikkje opnast: fila er ikkje ein database, eller tenaren svarar ikkje.
error-batch-run-concurrent = Ei anna køyring lagra utbetalinga for { $period } (køyring { $run }) samtidig. Sjå på ho på nytt før du går vidare.
error-frame-below-awards = Ramma for { $scheme } { $year } kan ikkje setjast lågare enn det som alt er tildelt.
error-already-released = Forpliktinga i søknad { $id } er alt frigjord.
error-cannot-listen = Tenaren kan ikkje lytte på { $address }. Adressa kan vere i bruk eller feil skriven.
error-no-rules-files = Mappa med regelfiler har ikkje satsane for noko år. Legg inn rules/ÅÅÅÅ.toml.
field-organisation-name-length = Namnet må ha mellom 1 og { $max } teikn.
error-bench-runs = Talet på køyringar (--runs) må vere minst 1.
