//! Files: CSV and XLSX tables, the rules directory, and the reference data
//! compiled into the binary.

/// Letters printed to PDF by headless Chromium.
pub mod pdf;
/// The rules directory: rate files and scheme files.
pub mod rules_dir;
/// The data shipped in the binary: municipalities, payer, payees, chart,
/// budget lines and schemes.
pub mod shipped;
/// CSV and XLSX files into rows with spreadsheet row numbers.
pub mod tabular;
