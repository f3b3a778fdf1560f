//! The bank payment file: an ISO 20022 `pain.001.001.03` credit transfer
//! initiation with one transfer per municipality, and the Norwegian check
//! digits of organisation and account numbers. Pure: payees and amounts in,
//! XML text out.

use crate::domain::money::Ore;
use crate::domain::municipality::MunicipalityNumber;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Named rule **mod 11** of Norwegian identifiers: the weighted digit sum's
/// complement to 11 is the check digit (11 gives 0; 10 means no valid number).
fn mod11_check_digit(digits: &[u32], weights: &[u32]) -> Option<u32> {
    let sum: u32 = digits.iter().zip(weights).map(|(d, w)| d * w).sum();
    match 11 - sum % 11 {
        11 => Some(0),
        10 => None,
        digit => Some(digit),
    }
}

fn digits_of(text: &str, len: usize) -> Option<Vec<u32>> {
    (text.len() == len).then(|| {
        text.chars()
            .map(|c| c.to_digit(10))
            .collect::<Option<Vec<u32>>>()
    })?
}

/// A valid organisation number (organisasjonsnummer): nine digits, mod 11
/// with weights 3 2 7 6 5 4 3 2.
pub fn is_valid_organisation_number(text: &str) -> bool {
    digits_of(text, 9)
        .is_some_and(|d| mod11_check_digit(&d[..8], &[3, 2, 7, 6, 5, 4, 3, 2]) == Some(d[8]))
}

/// A valid Norwegian bank account number (kontonummer): eleven digits, mod 11
/// with weights 5 4 3 2 7 6 5 4 3 2.
pub fn is_valid_account_number(text: &str) -> bool {
    digits_of(text, 11).is_some_and(|d| {
        mod11_check_digit(&d[..10], &[5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) == Some(d[10])
    })
}

/// The payer (debtor) of every transfer, as `rules/payer.toml` gives it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Payer {
    pub name: String,
    pub organisation_number: String,
    pub account: String,
}

/// Parses the payer file strictly: unknown keys, and numbers whose mod-11
/// check digit does not match, are refused with the field named.
pub fn parse_payer(text: &str) -> Result<Payer, String> {
    let payer: Payer = toml::from_str(text).map_err(|e| format!("payer.toml: {e}"))?;
    if payer.name.trim().is_empty() {
        return Err("payer.toml: name is empty".into());
    }
    if !is_valid_organisation_number(&payer.organisation_number) {
        return Err(format!(
            "payer.toml: organisation_number '{}' is not a valid organisation number (mod 11)",
            payer.organisation_number
        ));
    }
    if !is_valid_account_number(&payer.account) {
        return Err(format!(
            "payer.toml: account '{}' is not a valid account number (mod 11)",
            payer.account
        ));
    }
    Ok(payer)
}

/// The IBAN of a Norwegian account number: `NO`, two check digits
/// (ISO 13616, mod 97) and the eleven digits.
pub fn norwegian_iban(account: &str) -> String {
    // "NO" is 23 24 in the letter code of ISO 13616; "00" stands for the
    // check digits while they are computed.
    let numeric = format!("{account}232400");
    let remainder = numeric.chars().fold(0u64, |r, c| {
        (r * 10 + u64::from(c.to_digit(10).unwrap_or(0))) % 97
    });
    format!("NO{:02}{account}", 98 - remainder)
}

/// Where a municipality is paid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payee {
    pub municipality: MunicipalityNumber,
    pub name: String,
    pub organisation_number: String,
    pub account_number: String,
}

/// Parses `kommunenummer,organisasjonsnummer,kontonummer`, checking both
/// check digits.
pub fn parse_payees(text: &str) -> Result<BTreeMap<MunicipalityNumber, (String, String)>, String> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut payees = BTreeMap::new();
    for (index, record) in reader.records().enumerate() {
        let row = index + 2;
        let record = record.map_err(|e| format!("row {row}: {e}"))?;
        let municipality = MunicipalityNumber::from_trusted(record.get(0).unwrap_or(""))
            .ok_or_else(|| format!("row {row}: not a municipality number"))?;
        let organisation = record.get(1).unwrap_or("").to_string();
        let account = record.get(2).unwrap_or("").to_string();
        if !is_valid_organisation_number(&organisation) {
            return Err(format!(
                "row {row}:organisasjonsnummer: '{organisation}' fails the mod-11 check"
            ));
        }
        if !is_valid_account_number(&account) {
            return Err(format!(
                "row {row}:kontonummer: '{account}' fails the mod-11 check"
            ));
        }
        payees.insert(municipality, (organisation, account));
    }
    Ok(payees)
}

/// One credit transfer of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer {
    pub payee: Payee,
    pub amount: Ore,
}

/// The end-to-end reference of one transfer: the payment id and the
/// municipality, so that each transfer of a payment has its own and a
/// municipality can match it to the batch.
pub fn end_to_end_id(payment_id: &str, municipality: MunicipalityNumber) -> String {
    format!("{payment_id}-{municipality}")
}

/// The payer and the message's identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentOrder {
    /// The payment id, made before anything is written; also the message id.
    pub payment_id: String,
    /// The batch's identity (payment information id).
    pub batch_reference: String,
    /// ISO date-time of creation in local time with its offset, fixed per
    /// payment so that a retry writes the same file.
    pub created_at: String,
    /// Requested execution date (ISO date).
    pub execution_date: String,
    pub debtor_name: String,
    pub debtor_organisation_number: String,
    pub debtor_account: String,
    pub remittance: String,
    pub transfers: Vec<Transfer>,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Writes the `pain.001.001.03` document. Only positive amounts may be
/// transferred; the control sums equal the sum of the transfers.
pub fn write_pain001(order: &PaymentOrder) -> Result<String, String> {
    if let Some(t) = order.transfers.iter().find(|t| t.amount.0 <= 0) {
        return Err(format!(
            "the transfer to {} is {}: only positive amounts are paid",
            t.payee.municipality, t.amount
        ));
    }
    let total: Ore = order.transfers.iter().map(|t| t.amount).sum();
    let count = order.transfers.len();
    let mut x = String::new();
    let _ = writeln!(x, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        x,
        r#"<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
    );
    let _ = writeln!(x, "  <CstmrCdtTrfInitn>");
    let _ = writeln!(x, "    <GrpHdr>");
    let _ = writeln!(x, "      <MsgId>{}</MsgId>", escape(&order.payment_id));
    let _ = writeln!(x, "      <CreDtTm>{}</CreDtTm>", escape(&order.created_at));
    let _ = writeln!(x, "      <NbOfTxs>{count}</NbOfTxs>");
    let _ = writeln!(x, "      <CtrlSum>{total}</CtrlSum>");
    let _ = writeln!(x, "      <InitgPty>");
    let _ = writeln!(x, "        <Nm>{}</Nm>", escape(&order.debtor_name));
    let _ = writeln!(
        x,
        "        <Id><OrgId><Othr><Id>{}</Id></Othr></OrgId></Id>",
        order.debtor_organisation_number
    );
    let _ = writeln!(x, "      </InitgPty>");
    let _ = writeln!(x, "    </GrpHdr>");
    let _ = writeln!(x, "    <PmtInf>");
    let _ = writeln!(
        x,
        "      <PmtInfId>{}</PmtInfId>",
        escape(&order.payment_id)
    );
    let _ = writeln!(x, "      <PmtMtd>TRF</PmtMtd>");
    let _ = writeln!(x, "      <NbOfTxs>{count}</NbOfTxs>");
    let _ = writeln!(x, "      <CtrlSum>{total}</CtrlSum>");
    let _ = writeln!(
        x,
        "      <ReqdExctnDt>{}</ReqdExctnDt>",
        escape(&order.execution_date)
    );
    let _ = writeln!(x, "      <Dbtr>");
    let _ = writeln!(x, "        <Nm>{}</Nm>", escape(&order.debtor_name));
    let _ = writeln!(
        x,
        "        <Id><OrgId><Othr><Id>{}</Id></Othr></OrgId></Id>",
        order.debtor_organisation_number
    );
    let _ = writeln!(x, "      </Dbtr>");
    let _ = writeln!(
        x,
        "      <DbtrAcct><Id><IBAN>{}</IBAN></Id><Ccy>NOK</Ccy></DbtrAcct>",
        norwegian_iban(&order.debtor_account)
    );
    let _ = writeln!(
        x,
        "      <DbtrAgt><FinInstnId><Othr><Id>NOTPROVIDED</Id></Othr></FinInstnId></DbtrAgt>"
    );
    let _ = writeln!(x, "      <ChrgBr>SLEV</ChrgBr>");
    for (index, transfer) in order.transfers.iter().enumerate() {
        let p = &transfer.payee;
        let _ = writeln!(x, "      <CdtTrfTxInf>");
        let _ = writeln!(x, "        <PmtId>");
        let _ = writeln!(
            x,
            "          <InstrId>{}-{:04}</InstrId>",
            escape(&order.payment_id),
            index + 1
        );
        let _ = writeln!(
            x,
            "          <EndToEndId>{}</EndToEndId>",
            escape(&end_to_end_id(&order.payment_id, p.municipality))
        );
        let _ = writeln!(x, "        </PmtId>");
        let _ = writeln!(
            x,
            r#"        <Amt><InstdAmt Ccy="NOK">{}</InstdAmt></Amt>"#,
            transfer.amount
        );
        let _ = writeln!(x, "        <Cdtr>");
        let _ = writeln!(
            x,
            "          <Nm>{}</Nm>",
            escape(&p.name.chars().take(70).collect::<String>())
        );
        let _ = writeln!(
            x,
            "          <Id><OrgId><Othr><Id>{}</Id></Othr></OrgId></Id>",
            p.organisation_number
        );
        let _ = writeln!(x, "        </Cdtr>");
        let _ = writeln!(
            x,
            "        <CdtrAcct><Id><IBAN>{}</IBAN></Id></CdtrAcct>",
            norwegian_iban(&p.account_number)
        );
        let _ = writeln!(
            x,
            "        <RmtInf><Ustrd>{}</Ustrd></RmtInf>",
            escape(&format!("{} kommune {}", order.remittance, p.municipality))
        );
        let _ = writeln!(x, "      </CdtTrfTxInf>");
    }
    let _ = writeln!(x, "    </PmtInf>");
    let _ = writeln!(x, "  </CstmrCdtTrfInitn>");
    let _ = writeln!(x, "</Document>");
    Ok(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisation_and_account_numbers_are_checked_with_mod_11() {
        // (number, valid): real published examples and their one-digit changes.
        for (number, valid) in [
            ("958935420", true),
            ("958935421", false),
            ("974760673", true),
            ("97476067", false),
        ] {
            assert_eq!(is_valid_organisation_number(number), valid, "{number}");
        }
        for (number, valid) in [
            ("86011117947", true),
            ("86011117948", false),
            ("12345678903", true),
            ("1234567890", false),
        ] {
            assert_eq!(is_valid_account_number(number), valid, "{number}");
        }
    }

    #[test]
    fn the_iban_of_a_norwegian_account_has_iso_check_digits() {
        // The example of the Norwegian IBAN format: account 8601 11 17947.
        assert_eq!(norwegian_iban("86011117947"), "NO9386011117947");
    }

    #[test]
    fn the_shipped_payee_file_is_complete_and_valid() {
        let payees = parse_payees(include_str!("../../rules/municipality-accounts.csv")).unwrap();
        assert_eq!(payees.len(), 356);
        assert!(parse_payees(
            "kommunenummer,organisasjonsnummer,kontonummer\n0301,958935421,86011117947\n"
        )
        .is_err());
    }

    #[test]
    fn negative_or_zero_transfers_are_refused() {
        let payee = Payee {
            municipality: MunicipalityNumber::from_trusted("0301").unwrap(),
            name: "Oslo".into(),
            organisation_number: "958935420".into(),
            account_number: "86011117947".into(),
        };
        let order = PaymentOrder {
            payment_id: "P".into(),
            batch_reference: "B".into(),
            created_at: "2022-07-01T00:00:00".into(),
            execution_date: "2022-07-05".into(),
            debtor_name: "IMDi".into(),
            debtor_organisation_number: "974760673".into(),
            debtor_account: "86011117947".into(),
            remittance: "r".into(),
            transfers: vec![Transfer {
                payee,
                amount: Ore(-1),
            }],
        };
        assert!(write_pain001(&order)
            .unwrap_err()
            .contains("only positive amounts"));
    }
}
